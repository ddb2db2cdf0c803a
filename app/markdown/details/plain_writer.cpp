// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/markdown/details/plain_writer.h"

#include "app/markdown/details/markdown_text.h"

namespace hearth::app::details {

QString PlainWriter::finish() {
    flushText();
    return QString::fromUtf8(m_out).simplified();
}

void PlainWriter::flushText() {
    if (m_pending.isEmpty())
        return;
    if (!m_mentioned && !m_mentions.isEmpty())
        m_mentioned = m_mentions.matches(QString::fromUtf8(m_pending));
    m_out += m_pending;
    m_pending.clear();
}

void PlainWriter::enterBlock(MD_BLOCKTYPE, const void *) {
    flushText();
    m_out += ' ';
}

void PlainWriter::leaveBlock(MD_BLOCKTYPE, const void *) {
    flushText();
    m_out += ' ';
}

void PlainWriter::enterSpan(MD_SPANTYPE, const void *) {
    flushText();
}

void PlainWriter::leaveSpan(MD_SPANTYPE, const void *) {
    flushText();
}

void PlainWriter::text(MD_TEXTTYPE type, QByteArrayView utf8) {
    switch (type) {
    case MD_TEXT_NULLCHAR:
        m_pending += "\xEF\xBF\xBD"; // U+FFFD
        return;
    case MD_TEXT_ENTITY:
        if (const auto decoded = decodeEntity(utf8))
            m_pending += decoded->toUtf8();
        else
            m_pending += utf8;
        return;
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
        m_pending += ' ';
        return;
    case MD_TEXT_CODE:
        flushText(); // code is shown, but "@name" in code mentions nobody
        m_out += utf8;
        return;
    default:
        m_pending += utf8;
        return;
    }
}

} // namespace hearth::app::details
