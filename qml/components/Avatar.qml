// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import Hearth.Ui

//! A round avatar: initials on the member's colour, with an optional presence dot.
Item {
    id: root

    property color color: Theme.accent
    property string initials
    //! "online", "away", "offline" or "" (no dot).
    property string presence: ""
    //! Colour behind the presence dot's ring (the surface the avatar sits on).
    property color ringColor: Theme.window
    property int size: Theme.avatarSize

    implicitHeight: size
    implicitWidth: size

    Rectangle {
        anchors.fill: parent
        color: root.color
        radius: width / 2

        Text {
            anchors.centerIn: parent
            color: "#ffffff"
            font.family: Theme.fontFamily
            font.pixelSize: Math.round(root.size * 0.38)
            font.weight: Font.DemiBold
            text: root.initials.toUpperCase()
        }
    }
    PresenceDot {
        anchors.bottom: parent.bottom
        anchors.bottomMargin: -1
        anchors.right: parent.right
        anchors.rightMargin: -1
        presence: root.presence
        ringColor: root.ringColor
        size: Math.max(10, Math.round(root.size * 0.32))
        visible: root.presence !== ""
    }
}
