// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Layouts
import Hearth.Ui

//! Approves a new device of the account by the code it shows (docs/crypto.md, "Device
//! approval"): the relay cannot forge the code, so a device whose code does not match is not
//! approved. `errorText` stays until the code is edited.
AppDialog {
    id: root

    property bool busy: false
    //! What the member typed.
    property alias code: codeField.text
    property int deviceId: 0
    property string errorText

    //! The member typed a code and asked to approve.
    signal approve(string code)
    //! The member closed the dialog without approving.
    signal dismissed

    title: qsTr("Approve a new device?")

    onOpened: {
        codeField.text = "";
        codeField.forceActiveFocus();
    }

    Text {
        Layout.fillWidth: true
        color: Theme.textSecondary
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
        text: qsTr("Device %1 signed in to your account and asks for approval. Approve it only if you signed in on it yourself: it will read new messages in your conversations.").arg(root.deviceId)
        wrapMode: Text.Wrap
    }
    ColumnLayout {
        Layout.fillWidth: true
        spacing: 6

        FieldLabel {
            Layout.fillWidth: true
            text: qsTr("Code shown on the new device")
        }
        AppTextField {
            id: codeField
            Accessible.name: qsTr("Code shown on the new device")
            Layout.fillWidth: true
            error: root.errorText !== ""
            font.family: "DejaVu Sans Mono"
            font.letterSpacing: 1
            font.pixelSize: Theme.fontLarge
            objectName: "approvalCodeField"
            placeholderText: "XXXX-XXXX-XXXX-XXXX"

            onAccepted: if (text.trim() !== "" && !root.busy)
                root.approve(text)
            onTextEdited: root.errorText = ""
        }
    }
    InlineBanner {
        Layout.fillWidth: true
        objectName: "approvalError"
        text: root.errorText
        tone: "error"
    }
    RowLayout {
        Layout.fillWidth: true
        Layout.topMargin: Theme.spacingS
        spacing: Theme.spacingS

        Item {
            Layout.fillWidth: true
        }
        AppButton {
            text: qsTr("Not now")
            variant: "secondary"

            onClicked: {
                root.close();
                root.dismissed();
            }
        }
        AppButton {
            enabled: codeField.text.trim() !== "" && !root.busy
            objectName: "approveButton"
            text: root.busy ? qsTr("Approving…") : qsTr("Approve device")
            variant: "primary"

            onClicked: root.approve(codeField.text)
        }
    }
}
