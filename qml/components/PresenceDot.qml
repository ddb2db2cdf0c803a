// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import Hearth.Ui

//! Presence as a dot: green online, amber away, grey ring offline.
Rectangle {
    id: root

    property string presence: "offline"
    property color ringColor: Theme.window
    property int size: 10

    color: root.ringColor
    height: size
    radius: size / 2
    width: size

    Rectangle {
        anchors.centerIn: parent
        border.color: Theme.offline
        border.width: root.presence === "online" || root.presence === "away" ? 0 : 2
        color: root.presence === "online" ? Theme.online : root.presence === "away" ? Theme.away : root.ringColor
        height: width
        radius: width / 2
        width: root.size - 4
    }
}
