// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: md4c events -> the words of a message, for previews and mention checks.

#include "app/markdown/details/markdown_parse.h"
#include "app/markdown/details/mention_matcher.h"

#include <QByteArray>

namespace hearth::app::details {

//! Keeps the text a reader sees (alt text for images, link text for links, code as typed),
//! blocks and line breaks as spaces; notes whether a mention appears outside code.
class PlainWriter final : public MarkdownEvents {
public:
    explicit PlainWriter(const MentionMatcher &mentions)
        : m_mentions(mentions) {}

    //! The text on one line: runs of white space (newlines included) made one space, trimmed.
    [[nodiscard]] QString finish();
    //! Whether "@name" appeared outside code (call after finish()).
    [[nodiscard]] bool mentioned() const { return m_mentioned; }

    void enterBlock(MD_BLOCKTYPE type, const void *detail) override;
    void leaveBlock(MD_BLOCKTYPE type, const void *detail) override;
    void enterSpan(MD_SPANTYPE type, const void *detail) override;
    void leaveSpan(MD_SPANTYPE type, const void *detail) override;
    void text(MD_TEXTTYPE type, QByteArrayView utf8) override;

private:
    void flushText();

    const MentionMatcher &m_mentions;
    QByteArray m_out;     //!< UTF-8
    QByteArray m_pending; //!< text outside code since the last break, where mentions are looked for
    bool m_mentioned = false;
};

} // namespace hearth::app::details
