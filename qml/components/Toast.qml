// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import Hearth.Ui

//! A short message at the bottom of the window ("Couldn't add bob: …") that fades away.
Rectangle {
    id: root

    property int duration: 5000
    property string text

    function show(message) {
        text = message;
        opacity = 1;
        hideTimer.restart();
    }

    color: Theme.dark ? "#f3f4f6" : "#1f2937"
    height: label.implicitHeight + 2 * Theme.spacingM
    opacity: 0
    radius: Theme.radiusM
    visible: opacity > 0
    width: Math.min(label.implicitWidth + 2 * Theme.spacingL, parent ? parent.width - 48 : 480)

    Behavior on opacity {
        NumberAnimation {
            duration: 180
        }
    }

    Text {
        id: label
        anchors.centerIn: parent
        color: Theme.dark ? "#111827" : "#ffffff"
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
        horizontalAlignment: Text.AlignHCenter
        objectName: "toastText"
        text: root.text
        width: Math.min(implicitWidth, root.parent ? root.parent.width - 48 - 2 * Theme.spacingL : 440)
        wrapMode: Text.Wrap
    }
    Timer {
        id: hideTimer
        interval: root.duration
        onTriggered: root.opacity = 0
    }
    MouseArea {
        anchors.fill: parent
        onClicked: root.opacity = 0
    }
}
