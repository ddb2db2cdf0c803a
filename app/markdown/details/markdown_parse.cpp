// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/markdown/details/markdown_parse.h"

namespace hearth::app::details {

namespace {

MarkdownEvents &eventsOf(void *userdata) {
    return *static_cast<MarkdownEvents *>(userdata);
}

int enterBlock(MD_BLOCKTYPE type, void *detail, void *userdata) {
    eventsOf(userdata).enterBlock(type, detail);
    return 0;
}

int leaveBlock(MD_BLOCKTYPE type, void *detail, void *userdata) {
    eventsOf(userdata).leaveBlock(type, detail);
    return 0;
}

int enterSpan(MD_SPANTYPE type, void *detail, void *userdata) {
    eventsOf(userdata).enterSpan(type, detail);
    return 0;
}

int leaveSpan(MD_SPANTYPE type, void *detail, void *userdata) {
    eventsOf(userdata).leaveSpan(type, detail);
    return 0;
}

int text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *userdata) {
    eventsOf(userdata).text(type, QByteArrayView(text, static_cast<qsizetype>(size)));
    return 0;
}

} // namespace

bool parseMarkdown(QByteArrayView utf8, MarkdownEvents &events) {
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = kMarkdownFlags;
    parser.enter_block = &enterBlock;
    parser.leave_block = &leaveBlock;
    parser.enter_span = &enterSpan;
    parser.leave_span = &leaveSpan;
    parser.text = &text;
    return md_parse(utf8.data(), static_cast<MD_SIZE>(utf8.size()), &parser, &events) == 0;
}

} // namespace hearth::app::details
