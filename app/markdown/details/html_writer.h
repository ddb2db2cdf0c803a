// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: md4c events -> the small HTML subset Qt's rich text understands.

#include "app/markdown/details/markdown_parse.h"
#include "app/markdown/details/mention_matcher.h"
#include "app/markdown/markdown_style.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace hearth::app::details {

//! Writes every tag itself: user text only ever reaches the output escaped, links only with a
//! safeHref(), images only as their alt text (linked to the image when its URL is safe), and
//! nesting deeper than kMaxDepth loses its tags (not its text), so hostile input cannot make
//! a document Qt struggles with.
class HtmlWriter final : public MarkdownEvents {
public:
    static constexpr int kMaxDepth = 16;

    HtmlWriter(const MarkdownStyle &style, const MentionMatcher &mentions);

    //! The HTML written so far, every open element closed.
    [[nodiscard]] QString finish();

    void enterBlock(MD_BLOCKTYPE type, const void *detail) override;
    void leaveBlock(MD_BLOCKTYPE type, const void *detail) override;
    void enterSpan(MD_SPANTYPE type, const void *detail) override;
    void leaveSpan(MD_SPANTYPE type, const void *detail) override;
    void text(MD_TEXTTYPE type, QByteArrayView utf8) override;

private:
    struct Image final {
        qsizetype outputAt = 0; //!< m_out's size when the image began: no alt text if unchanged
        QString fallback;       //!< shown when the alt text is empty
        bool linked = false;
    };

    void flushText();
    [[nodiscard]] QString topMargin();
    void openBlock(const QString &open, QString close);
    void closeBlock();
    void openSpan(const QString &open, QString close);
    void closeSpan();
    void writeCodeBlock();
    void enterImage(const void *detail);
    void leaveImage();

    const MarkdownStyle &m_style;
    const MentionMatcher &m_mentions;
    QString m_out;
    QByteArray m_pending; //!< text not yet written (UTF-8), where mentions are looked for
    QByteArray m_code;    //!< the open code block's text (UTF-8)
    QList<QString> m_blockClosers;
    QList<QString> m_spanClosers;
    QList<Image> m_images;
    int m_links = 0;
    bool m_inCodeBlock = false;
    bool m_firstInContainer = true; //!< the next block gets no top margin
};

} // namespace hearth::app::details
