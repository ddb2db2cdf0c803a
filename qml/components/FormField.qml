// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import Hearth.Ui

//! A labelled text field with an optional hint or error line under it.
Column {
    id: root

    property alias echoMode: input.echoMode
    property string error
    property alias field: input
    property string hint
    property alias label: caption.text
    property alias placeholderText: input.placeholderText
    property alias text: input.text

    signal accepted

    spacing: 6

    FieldLabel {
        id: caption
        width: parent.width
    }
    AppTextField {
        id: input
        Accessible.name: caption.text
        error: root.error !== ""
        width: parent.width

        onAccepted: root.accepted()
    }
    Text {
        color: root.error !== "" ? Theme.danger : Theme.textMuted
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        objectName: "fieldMessage"
        text: root.error !== "" ? root.error : root.hint
        visible: text !== ""
        width: parent.width
        wrapMode: Text.Wrap
    }
}
