// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>

namespace hearth::app {

//! The colours MarkdownRenderer writes into its HTML as inline styles (Qt rich text has no
//! style sheet per Text item). Links take the Text item's own linkColor.
struct MarkdownStyle final {
    QColor codeBackground;    //!< behind inline code and code blocks
    QColor quoteText;         //!< text of block quotes
    QColor mentionBackground; //!< behind "@name" when it names the member
    QColor mentionText;       //!< text of that "@name"

    //! For light palettes.
    [[nodiscard]] static MarkdownStyle light() {
        return {QColor(0xef, 0xf1, 0xf3), QColor(0x5f, 0x66, 0x6d), QColor(0xff, 0xe8, 0xa8),
                QColor(0x5a, 0x3e, 0x00)};
    }
    //! For dark palettes.
    [[nodiscard]] static MarkdownStyle dark() {
        return {QColor(0x2d, 0x31, 0x36), QColor(0xa8, 0xb0, 0xb8), QColor(0x5c, 0x4a, 0x12),
                QColor(0xff, 0xe0, 0x8a)};
    }
};

} // namespace hearth::app
