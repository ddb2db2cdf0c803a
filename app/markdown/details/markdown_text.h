// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: text helpers shared by the HTML and plain-text writers.

#include <QByteArrayView>
#include <QString>
#include <md4c.h>
#include <optional>

namespace hearth::app::details {

//! `text` safe inside HTML elements and double-quoted attributes: & < > " ' escaped.
[[nodiscard]] QString escapeHtml(QStringView text);
//! escapeHtml(), with each run of emoji set in the colour emoji font: DejaVu, the text font,
//! has monochrome outlines of many emoji and would otherwise win the font fallback.
[[nodiscard]] QString escapeHtmlWithEmoji(QStringView text);

//! The character of an HTML entity as md4c reports it ("&amp;", "&#233;", "&#x1F600;"), or
//! nullopt for a named entity outside the small table we know (callers then keep it literally).
//! Invalid code points (0, surrogates, beyond U+10FFFF) give U+FFFD.
[[nodiscard]] std::optional<QString> decodeEntity(QByteArrayView entity);

//! An md4c attribute (a link destination) with its entities decoded; nullopt when one of them
//! is unknown (a link we cannot read exactly is not a link we follow).
[[nodiscard]] std::optional<QString> decodeAttribute(const MD_ATTRIBUTE &attribute);

//! `href` fully percent-encoded when it is an http or https URL with a host, or a mailto URL
//! with an address; nullopt for everything else (javascript:, data:, file:, relative…).
[[nodiscard]] std::optional<QString> safeHref(const QString &href);

} // namespace hearth::app::details
