// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import Hearth.Ui

//! Unread count pill; grey when the conversation is muted.
Rectangle {
    id: root

    property int count: 0
    property bool muted: false

    color: muted ? Theme.badgeMuted : Theme.badge
    implicitHeight: 20
    implicitWidth: Math.max(implicitHeight, label.implicitWidth + 12)
    radius: height / 2
    visible: count > 0

    Text {
        id: label
        anchors.centerIn: parent
        color: Theme.accentText
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontTiny
        font.weight: Font.Bold
        text: root.count > 999 ? "999+" : String(root.count)
    }
}
