// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/markdown/details/markdown_text.h"

#include <QUrl>
#include <array>
#include <utility>

namespace hearth::app::details {

using namespace Qt::StringLiterals;

namespace {

//! Named entities people type in messages; the rest stay as typed.
constexpr std::array<std::pair<QLatin1StringView, char16_t>, 22> kNamedEntities{{
    {"amp"_L1, u'&'},         {"lt"_L1, u'<'},         {"gt"_L1, u'>'},
    {"quot"_L1, u'"'},        {"apos"_L1, u'\''},      {"nbsp"_L1, u'\u00a0'},
    {"colon"_L1, u':'},       {"sol"_L1, u'/'},        {"lpar"_L1, u'('},
    {"rpar"_L1, u')'},        {"tab"_L1, u'\t'},       {"NewLine"_L1, u'\n'},
    {"copy"_L1, u'\u00a9'},   {"reg"_L1, u'\u00ae'},   {"trade"_L1, u'\u2122'},
    {"hellip"_L1, u'\u2026'}, {"mdash"_L1, u'\u2014'}, {"ndash"_L1, u'\u2013'},
    {"laquo"_L1, u'\u00ab'},  {"raquo"_L1, u'\u00bb'}, {"euro"_L1, u'\u20ac'},
    {"deg"_L1, u'\u00b0'},
}};

QString fromCodePoint(char32_t codePoint) {
    const bool valid =
        codePoint != 0 && codePoint <= 0x10FFFF && !(codePoint >= 0xD800 && codePoint <= 0xDFFF);
    const char32_t shown = valid ? codePoint : U'\uFFFD';
    return QString::fromUcs4(&shown, 1);
}

} // namespace

namespace {

//! Pictographs, symbols and dingbats; joiners, variation selectors and keycaps continue a run.
bool isEmoji(char32_t c) {
    return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) ||
           (c >= 0x2B00 && c <= 0x2BFF);
}
bool continuesEmoji(char32_t c) {
    return c == 0x200D || c == 0xFE0F || c == 0x20E3;
}

char32_t codePointAt(QStringView text, qsizetype i) {
    const QChar c = text.at(i);
    if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
        return QChar::surrogateToUcs4(c, text.at(i + 1));
    return c.unicode();
}

} // namespace

QString escapeHtmlWithEmoji(QStringView text) {
    QString out;
    qsizetype plainStart = 0;
    qsizetype i = 0;
    while (i < text.size()) {
        const char32_t c = codePointAt(text, i);
        if (!isEmoji(c)) {
            i += QChar::requiresSurrogates(c) ? 2 : 1;
            continue;
        }
        out += escapeHtml(text.sliced(plainStart, i - plainStart));
        const qsizetype runStart = i;
        while (i < text.size()) {
            const char32_t d = codePointAt(text, i);
            if (!isEmoji(d) && !continuesEmoji(d))
                break;
            i += QChar::requiresSurrogates(d) ? 2 : 1;
        }
        out += "<span style=\"font-family:'Noto Color Emoji'\">"_L1;
        out += escapeHtml(text.sliced(runStart, i - runStart));
        out += "</span>"_L1;
        plainStart = i;
    }
    out += escapeHtml(text.sliced(plainStart));
    return out;
}

QString escapeHtml(QStringView text) {
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'&':
            out += "&amp;"_L1;
            break;
        case u'<':
            out += "&lt;"_L1;
            break;
        case u'>':
            out += "&gt;"_L1;
            break;
        case u'"':
            out += "&quot;"_L1;
            break;
        case u'\'':
            out += "&#39;"_L1;
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::optional<QString> decodeEntity(QByteArrayView entity) {
    if (entity.size() < 3 || entity.front() != '&' || entity.back() != ';')
        return std::nullopt;
    const QByteArrayView name = entity.sliced(1, entity.size() - 2);
    if (name.startsWith('#')) {
        const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
        const QByteArrayView digits = name.sliced(hex ? 2 : 1);
        // why: md4c allows at most 7 decimal or 6 hex digits, so this cannot overflow.
        bool ok = false;
        const uint codePoint = digits.toByteArray().toUInt(&ok, hex ? 16 : 10);
        if (!ok)
            return std::nullopt;
        return fromCodePoint(codePoint);
    }
    for (const auto &[known, character] : kNamedEntities) {
        if (QLatin1StringView(name.data(), name.size()) == known)
            return QString(QChar(character));
    }
    return std::nullopt;
}

std::optional<QString> decodeAttribute(const MD_ATTRIBUTE &attribute) {
    QString out;
    for (int i = 0; attribute.substr_offsets[i] < attribute.size; ++i) {
        const MD_OFFSET begin = attribute.substr_offsets[i];
        const MD_OFFSET end = attribute.substr_offsets[i + 1];
        const QByteArrayView part(attribute.text + begin, static_cast<qsizetype>(end - begin));
        switch (attribute.substr_types[i]) {
        case MD_TEXT_ENTITY: {
            auto decoded = decodeEntity(part);
            if (!decoded)
                return std::nullopt;
            out += *decoded;
            break;
        }
        case MD_TEXT_NULLCHAR:
            out += QChar(QChar::ReplacementCharacter);
            break;
        default:
            out += QString::fromUtf8(part);
        }
    }
    return out;
}

std::optional<QString> safeHref(const QString &href) {
    // why tolerant: it percent-encodes what strict mode refuses (spaces, quotes); the scheme and
    // host checks below are what make a link safe.
    const QUrl url(href, QUrl::TolerantMode);
    if (!url.isValid())
        return std::nullopt;
    const QString scheme = url.scheme().toLower();
    if (scheme == "http"_L1 || scheme == "https"_L1) {
        if (url.host().isEmpty())
            return std::nullopt;
    } else if (scheme == "mailto"_L1) {
        if (url.path().isEmpty())
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    return QString::fromLatin1(url.toEncoded(QUrl::FullyEncoded));
}

} // namespace hearth::app::details
