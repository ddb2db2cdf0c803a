// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/markdown/markdown_renderer.h"

#include "app/markdown/details/html_writer.h"
#include "app/markdown/details/markdown_parse.h"
#include "app/markdown/details/markdown_text.h"
#include "app/markdown/details/plain_writer.h"

namespace hearth::app {

using namespace Qt::StringLiterals;

namespace {

constexpr QChar kEllipsis(0x2026);

//! At most `maxChars` of `text` (never half a surrogate pair).
QStringView cutAt(QStringView text, qsizetype maxChars) {
    if (text.size() <= maxChars)
        return text;
    qsizetype end = maxChars;
    if (end > 0 && text[end - 1].isHighSurrogate())
        --end;
    return text.first(end);
}

//! `markdown` as md4c's UTF-8 input, cut at `maxChars` with an ellipsis.
QByteArray inputOf(QStringView markdown, qsizetype maxChars) {
    if (markdown.size() <= maxChars)
        return markdown.toUtf8();
    return (cutAt(markdown, maxChars).toString() + kEllipsis).toUtf8();
}

} // namespace

MarkdownRenderer::MarkdownRenderer(MarkdownStyle style, QString mentionName)
    : m_style(style)
    , m_mentionName(std::move(mentionName)) {}

QString MarkdownRenderer::toHtml(QStringView markdown) const {
    const QByteArray input = inputOf(markdown, kMaxInputChars);
    const details::MentionMatcher mentions(m_mentionName);
    details::HtmlWriter writer(m_style, mentions);
    if (!details::parseMarkdown(input, writer)) {
        // why: md4c only fails when out of memory; show the text rather than nothing.
        return details::escapeHtml(QString::fromUtf8(input));
    }
    return writer.finish();
}

QString MarkdownRenderer::toPreview(QStringView markdown, qsizetype maxLength) const {
    // why a bound on the input: a preview needs the start of a message, not all of it.
    const QByteArray input = inputOf(markdown, qMax<qsizetype>(maxLength * 8, 4096));
    const details::MentionMatcher none;
    details::PlainWriter writer(none);
    QString text = details::parseMarkdown(input, writer) ? writer.finish()
                                                         : QString::fromUtf8(input).simplified();
    if (maxLength <= 0)
        return {};
    if (text.size() <= maxLength)
        return text;
    return cutAt(text, maxLength - 1).toString().trimmed() + kEllipsis;
}

bool MarkdownRenderer::mentions(QStringView markdown) const {
    if (m_mentionName.isEmpty())
        return false;
    const QByteArray input = inputOf(markdown, kMaxInputChars);
    const details::MentionMatcher mentions(m_mentionName);
    details::PlainWriter writer(mentions);
    if (!details::parseMarkdown(input, writer))
        return mentions.matches(QString::fromUtf8(input));
    (void)writer.finish();
    return writer.mentioned();
}

} // namespace hearth::app
