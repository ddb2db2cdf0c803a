// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/markdown/details/html_writer.h"

#include "app/markdown/details/markdown_text.h"

namespace hearth::app::details {

using namespace Qt::StringLiterals;

namespace {

constexpr int kBlockGap = 6; //!< px between consecutive blocks

QString colorOf(const QColor &color) {
    return color.name(QColor::HexRgb);
}

bool isContainer(MD_BLOCKTYPE type) {
    return type == MD_BLOCK_QUOTE || type == MD_BLOCK_UL || type == MD_BLOCK_OL ||
           type == MD_BLOCK_LI;
}

} // namespace

HtmlWriter::HtmlWriter(const MarkdownStyle &style, const MentionMatcher &mentions)
    : m_style(style)
    , m_mentions(mentions) {}

QString HtmlWriter::finish() {
    flushText();
    while (!m_spanClosers.isEmpty())
        closeSpan();
    while (!m_blockClosers.isEmpty())
        closeBlock();
    return std::move(m_out);
}

void HtmlWriter::flushText() {
    if (m_pending.isEmpty())
        return;
    const QString text = QString::fromUtf8(m_pending);
    m_pending.clear();
    qsizetype done = 0;
    for (const auto &match : m_mentions.find(text)) {
        m_out += escapeHtmlWithEmoji(QStringView(text).sliced(done, match.start - done));
        m_out += u"<span style=\"background-color:%1;color:%2;font-weight:600\">%3</span>"_s.arg(
            colorOf(m_style.mentionBackground), colorOf(m_style.mentionText),
            escapeHtml(QStringView(text).sliced(match.start, match.length)));
        done = match.start + match.length;
    }
    m_out += escapeHtmlWithEmoji(QStringView(text).sliced(done));
}

QString HtmlWriter::topMargin() {
    const int margin = m_firstInContainer ? 0 : kBlockGap;
    m_firstInContainer = false;
    return u"margin-top:%1px;margin-bottom:0px"_s.arg(margin);
}

void HtmlWriter::openBlock(const QString &open, QString close) {
    if (m_blockClosers.size() >= kMaxDepth) {
        // why: too deep to show as structure; keep the text apart from its neighbours.
        m_blockClosers.push_back(u"<br/>"_s);
        return;
    }
    m_out += open;
    m_blockClosers.push_back(std::move(close));
}

void HtmlWriter::closeBlock() {
    if (!m_blockClosers.isEmpty())
        m_out += m_blockClosers.takeLast();
}

void HtmlWriter::openSpan(const QString &open, QString close) {
    if (m_spanClosers.size() >= kMaxDepth || !m_images.isEmpty()) {
        m_spanClosers.push_back({}); // alt text is plain text; too deep shows as plain text
        return;
    }
    m_out += open;
    m_spanClosers.push_back(std::move(close));
}

void HtmlWriter::closeSpan() {
    if (!m_spanClosers.isEmpty())
        m_out += m_spanClosers.takeLast();
}

void HtmlWriter::enterBlock(MD_BLOCKTYPE type, const void *detail) {
    flushText();
    switch (type) {
    case MD_BLOCK_DOC:
        return;
    case MD_BLOCK_QUOTE:
        openBlock(u"<blockquote style=\"%1;margin-left:12px;margin-right:0px;color:%2\">"_s.arg(
                      topMargin(), colorOf(m_style.quoteText)),
                  u"</blockquote>"_s);
        break;
    case MD_BLOCK_UL:
        openBlock(u"<ul style=\"%1\">"_s.arg(topMargin()), u"</ul>"_s);
        break;
    case MD_BLOCK_OL: {
        const auto *ol = static_cast<const MD_BLOCK_OL_DETAIL *>(detail);
        openBlock(u"<ol start=\"%1\" style=\"%2\">"_s.arg(ol->start).arg(topMargin()), u"</ol>"_s);
        break;
    }
    case MD_BLOCK_LI:
        openBlock(u"<li>"_s, u"</li>"_s);
        break;
    case MD_BLOCK_HR:
        openBlock(u"<hr/>"_s, {});
        break;
    case MD_BLOCK_H:
        openBlock(u"<p style=\"%1\"><b>"_s.arg(topMargin()), u"</b></p>"_s);
        break;
    case MD_BLOCK_CODE:
        m_inCodeBlock = true;
        m_code.clear();
        return;
    case MD_BLOCK_P:
    case MD_BLOCK_HTML: // not produced with MD_FLAG_NOHTML; its text would be escaped anyway
        openBlock(u"<p style=\"%1\">"_s.arg(topMargin()), u"</p>"_s);
        break;
    default: // tables are off: no other block reaches us
        return;
    }
    m_firstInContainer = isContainer(type);
}

void HtmlWriter::leaveBlock(MD_BLOCKTYPE type, const void *) {
    flushText();
    switch (type) {
    case MD_BLOCK_DOC:
        return;
    case MD_BLOCK_CODE:
        writeCodeBlock();
        return;
    case MD_BLOCK_QUOTE:
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
    case MD_BLOCK_LI:
    case MD_BLOCK_HR:
    case MD_BLOCK_H:
    case MD_BLOCK_P:
    case MD_BLOCK_HTML:
        closeBlock();
        m_firstInContainer = false;
        return;
    default:
        return;
    }
}

void HtmlWriter::writeCodeBlock() {
    m_inCodeBlock = false;
    if (m_code.endsWith('\n'))
        m_code.chop(1);
    const QString code = escapeHtml(QString::fromUtf8(m_code));
    m_code.clear();
    // why a one-cell table: Qt's rich text pads table cells, not paragraphs.
    m_out += u"<table width=\"100%\" border=\"0\" cellspacing=\"0\" cellpadding=\"6\" "
             "bgcolor=\"%1\" style=\"%2\"><tr><td><pre style=\"margin:0px\">%3</pre></td></tr>"
             "</table>"_s.arg(colorOf(m_style.codeBackground), topMargin(), code);
}

void HtmlWriter::enterSpan(MD_SPANTYPE type, const void *detail) {
    flushText();
    switch (type) {
    case MD_SPAN_EM:
        openSpan(u"<i>"_s, u"</i>"_s);
        return;
    case MD_SPAN_STRONG:
        openSpan(u"<b>"_s, u"</b>"_s);
        return;
    case MD_SPAN_DEL:
        openSpan(u"<s>"_s, u"</s>"_s);
        return;
    case MD_SPAN_CODE:
        openSpan(u"<code style=\"background-color:%1\">"_s.arg(colorOf(m_style.codeBackground)),
                 u"</code>"_s);
        return;
    case MD_SPAN_A: {
        const auto *a = static_cast<const MD_SPAN_A_DETAIL *>(detail);
        const auto href = decodeAttribute(a->href);
        const auto safe = href ? safeHref(*href) : std::nullopt;
        if (!safe || m_links > 0 || !m_images.isEmpty() || m_spanClosers.size() >= kMaxDepth) {
            m_spanClosers.push_back({}); // not followed: its text stays
            return;
        }
        m_out += u"<a href=\"%1\">"_s.arg(escapeHtml(*safe));
        m_spanClosers.push_back(u"</a>"_s);
        ++m_links;
        return;
    }
    case MD_SPAN_IMG:
        enterImage(detail);
        return;
    default: // latex, wiki links and underline are off
        m_spanClosers.push_back({});
        return;
    }
}

void HtmlWriter::leaveSpan(MD_SPANTYPE type, const void *) {
    flushText();
    if (type == MD_SPAN_IMG) {
        leaveImage();
        return;
    }
    if (type == MD_SPAN_A && !m_spanClosers.isEmpty() && m_spanClosers.last() == "</a>"_L1)
        --m_links;
    closeSpan();
}

void HtmlWriter::enterImage(const void *detail) {
    const auto *img = static_cast<const MD_SPAN_IMG_DETAIL *>(detail);
    const auto src = decodeAttribute(img->src);
    const auto safe = src ? safeHref(*src) : std::nullopt;
    Image image;
    image.fallback = safe ? *src : u"image"_s;
    // why a link and never <img>: a remote image would tell its server who read the message.
    if (safe && m_links == 0 && m_images.isEmpty() && m_spanClosers.size() < kMaxDepth) {
        m_out += u"<a href=\"%1\">"_s.arg(escapeHtml(*safe));
        image.linked = true;
    }
    image.outputAt = m_out.size();
    m_images.push_back(std::move(image));
}

void HtmlWriter::leaveImage() {
    if (m_images.isEmpty())
        return;
    const Image image = m_images.takeLast();
    if (m_out.size() == image.outputAt)
        m_out += escapeHtml(image.fallback);
    if (image.linked)
        m_out += "</a>"_L1;
}

void HtmlWriter::text(MD_TEXTTYPE type, QByteArrayView utf8) {
    QByteArray &sink = m_inCodeBlock ? m_code : m_pending;
    switch (type) {
    case MD_TEXT_NULLCHAR:
        sink += "\xEF\xBF\xBD"; // U+FFFD
        return;
    case MD_TEXT_ENTITY:
        if (const auto decoded = decodeEntity(utf8))
            sink += decoded->toUtf8();
        else
            sink += utf8;
        return;
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
        if (!m_images.isEmpty()) {
            sink += ' ';
            return;
        }
        // why soft breaks too: in a chat, the line breaks a member typed are meant.
        flushText();
        m_out += "<br/>"_L1;
        return;
    case MD_TEXT_CODE:
        if (m_inCodeBlock) {
            m_code += utf8;
        } else {
            flushText(); // inline code: escaped, never a mention
            m_out += escapeHtml(QString::fromUtf8(utf8));
        }
        return;
    default: // normal text; raw HTML (never, with MD_FLAG_NOHTML) is text too
        sink += utf8;
        return;
    }
}

} // namespace hearth::app::details
