// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import Hearth.Ui

//! Small label above a form field.
Text {
    color: Theme.textSecondary
    elide: Text.ElideRight
    font.family: Theme.fontFamily
    font.pixelSize: Theme.fontSmall
    font.weight: Font.DemiBold
}
