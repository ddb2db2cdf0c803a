// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: md4c with Hearth's dialect, its callbacks turned into a small interface.

#include <QByteArrayView>
#include <md4c.h>

namespace hearth::app::details {

//! What md4c reports while it parses, in document order. `detail` is md4c's detail structure
//! of that block or span type (or null).
class MarkdownEvents {
public:
    virtual ~MarkdownEvents() = default;
    virtual void enterBlock(MD_BLOCKTYPE type, const void *detail) = 0;
    virtual void leaveBlock(MD_BLOCKTYPE type, const void *detail) = 0;
    virtual void enterSpan(MD_SPANTYPE type, const void *detail) = 0;
    virtual void leaveSpan(MD_SPANTYPE type, const void *detail) = 0;
    virtual void text(MD_TEXTTYPE type, QByteArrayView utf8) = 0;
};

//! md4c's flags for messages: CommonMark with strikethrough and autolinks (URLs, www., e-mail),
//! no raw HTML (it arrives as text), no indented code blocks (pasted indented text stays text).
inline constexpr unsigned kMarkdownFlags = MD_FLAG_NOHTML | MD_FLAG_STRIKETHROUGH |
                                           MD_FLAG_PERMISSIVEAUTOLINKS |
                                           MD_FLAG_NOINDENTEDCODEBLOCKS;

//! Parses `utf8`, reporting to `events`. False when md4c gave up (out of memory).
[[nodiscard]] bool parseMarkdown(QByteArrayView utf8, MarkdownEvents &events);

} // namespace hearth::app::details
