// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import Hearth.Ui

//! Single-line input in the Hearth style; `error` draws a red border.
TextField {
    id: root

    property bool error: false

    color: Theme.text
    font.family: Theme.fontFamily
    font.pixelSize: Theme.fontBody
    implicitHeight: Theme.controlHeight
    leftPadding: Theme.spacingM
    placeholderTextColor: Theme.placeholder
    rightPadding: Theme.spacingM
    selectByMouse: true
    selectedTextColor: Theme.accentText
    selectionColor: Theme.accent

    background: Rectangle {
        border.color: root.error ? Theme.danger : root.activeFocus ? Theme.accent : Theme.inputBorder
        border.width: root.activeFocus || root.error ? 2 : 1
        color: root.enabled ? Theme.inputBackground : Theme.sunken
        radius: Theme.radiusM
    }
}
