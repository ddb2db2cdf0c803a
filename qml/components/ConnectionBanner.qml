// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Layouts
import Hearth.Ui

//! A strip across the top while the relay is not reachable: offline or reconnecting.
Rectangle {
    id: root

    //! "offline", "connecting" or "online" (App.connectionState).
    property string connectionState: "online"
    readonly property string message: connectionState === "offline" ? qsTr("You're offline — messages will be sent when the connection returns") : connectionState === "connecting" ? qsTr("Reconnecting…") : ""

    color: connectionState === "offline" ? Theme.warningSoft : Theme.accentSoft
    implicitHeight: visible ? 34 : 0
    visible: message !== ""

    RowLayout {
        anchors.centerIn: parent
        spacing: Theme.spacingS

        Icon {
            color: label.color
            name: root.connectionState === "offline" ? "warning" : "retry"
            size: 14
        }
        Text {
            id: label
            color: root.connectionState === "offline" ? Theme.warningText : Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            font.weight: Font.DemiBold
            objectName: "bannerText"
            text: root.message
        }
    }
}
