// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import Hearth.Ui

//! Later starts: the passphrase that opens the encrypted store.
AuthCard {
    id: root

    property bool busy: false
    property string errorText
    property string userName

    signal unlock(string passphrase)

    function submit() {
        if (busy || passphrase.text === "")
            return;
        root.unlock(passphrase.text);
    }

    cardWidth: 400
    heading: root.userName !== "" ? qsTr("Welcome back, %1").arg(root.userName) : qsTr("Welcome back")
    subheading: qsTr("Enter your passphrase to open your messages on this computer.")

    InlineBanner {
        objectName: "errorBanner"
        text: root.errorText
        width: parent.width
    }
    FormField {
        id: passphrase
        echoMode: TextInput.Password
        label: qsTr("Passphrase")
        objectName: "passphraseField"
        width: parent.width

        Component.onCompleted: field.forceActiveFocus()
        onAccepted: root.submit()
    }
    AppButton {
        enabled: !root.busy && passphrase.text !== ""
        implicitHeight: 42
        objectName: "unlockButton"
        text: root.busy ? qsTr("Unlocking…") : qsTr("Unlock")
        width: parent.width

        onClicked: root.submit()
    }
    BusyIndicator {
        anchors.horizontalCenter: parent.horizontalCenter
        implicitHeight: 28
        implicitWidth: 28
        objectName: "busyIndicator"
        running: root.busy
        visible: root.busy
    }
}
