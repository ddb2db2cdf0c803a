// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import Hearth.Ui

//! First run: create an account or sign in to an existing one (adding this device), and
//! choose the passphrase that encrypts the local store.
AuthCard {
    id: root

    property bool attempted: false
    property bool busy: false
    //! true: "Create account"; false: "Sign in".
    property bool creating: true
    property string defaultRelayUrl: "ws://localhost:8080"
    property string errorText
    property bool keychainAvailable: false
    //! The first problem with the form, in words ("" when it can be submitted).
    readonly property string validationText: {
        if (userField.text.trim() === "")
            return qsTr("Choose a user name.");
        if (passwordField.text === "")
            return qsTr("Enter your account password.");
        if (creating && passwordField.text.length < 8)
            return qsTr("Use at least 8 characters for the account password.");
        if (relayField.text.trim() === "")
            return qsTr("Enter the relay address.");
        if (passphraseField.text.length < 8)
            return qsTr("Use at least 8 characters for the passphrase.");
        if (confirmField.text !== passphraseField.text)
            return qsTr("The passphrases don't match.");
        return "";
    }

    signal createAccount(string userName, string password, string passphrase, string relayUrl, bool rememberKey)
    signal signIn(string userName, string password, string passphrase, string relayUrl, bool rememberKey)

    function submit() {
        attempted = true;
        if (busy || validationText !== "")
            return;
        const args = [userField.text.trim(), passwordField.text, passphraseField.text, relayField.text.trim(), keychainAvailable && remember.checked];
        if (creating)
            root.createAccount(args[0], args[1], args[2], args[3], args[4]);
        else
            root.signIn(args[0], args[1], args[2], args[3], args[4]);
    }

    heading: qsTr("Welcome to Hearth")
    subheading: qsTr("Private conversations with your community. Everything is end-to-end encrypted and kept in an encrypted store on this computer.")

    SegmentedControl {
        currentIndex: root.creating ? 0 : 1
        objectName: "modeSwitch"
        options: [qsTr("Create account"), qsTr("Sign in")]
        width: parent.width

        onActivated: index => {
            root.creating = index === 0;
            root.attempted = false;
        }
    }
    InlineBanner {
        objectName: "errorBanner"
        text: root.errorText
        width: parent.width
    }
    FormField {
        id: userField
        error: root.attempted && text.trim() === "" ? qsTr("Choose a user name.") : ""
        label: qsTr("User name")
        objectName: "userNameField"
        placeholderText: qsTr("e.g. alice")
        width: parent.width

        Component.onCompleted: field.forceActiveFocus()
        onAccepted: passwordField.field.forceActiveFocus()
    }
    FormField {
        id: passwordField
        echoMode: TextInput.Password
        error: root.attempted && root.validationText.indexOf("password") >= 0 ? root.validationText : ""
        hint: root.creating ? qsTr("Used to register this account and add new devices.") : ""
        label: qsTr("Account password")
        objectName: "passwordField"
        width: parent.width

        onAccepted: relayField.field.forceActiveFocus()
    }
    FormField {
        id: relayField
        hint: qsTr("Your community's server. It only sees encrypted messages.")
        label: qsTr("Relay address")
        objectName: "relayField"
        text: root.defaultRelayUrl
        width: parent.width

        onAccepted: passphraseField.field.forceActiveFocus()
    }
    Row {
        spacing: Theme.spacingM
        width: parent.width

        FormField {
            id: passphraseField
            echoMode: TextInput.Password
            error: root.attempted && passphraseField.text.length < 8 ? qsTr("At least 8 characters.") : ""
            label: qsTr("Passphrase")
            objectName: "passphraseField"
            width: (parent.width - parent.spacing) / 2

            onAccepted: confirmField.field.forceActiveFocus()
        }
        FormField {
            id: confirmField
            echoMode: TextInput.Password
            error: (root.attempted || text !== "" && text.length >= passphraseField.text.length) && text !== passphraseField.text ? qsTr("The passphrases don't match.") : ""
            label: qsTr("Confirm passphrase")
            objectName: "confirmField"
            width: (parent.width - parent.spacing) / 2

            onAccepted: root.submit()
        }
    }
    Text {
        color: Theme.textMuted
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        text: qsTr("The passphrase encrypts your messages on this computer. It can't be recovered if you forget it.")
        width: parent.width
        wrapMode: Text.Wrap
    }
    AppCheckBox {
        id: remember
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
        leftPadding: 0
        objectName: "rememberBox"
        text: qsTr("Remember on this computer (keychain)")
        visible: root.keychainAvailable
    }
    Item {
        height: Theme.spacingXs
        width: 1
    }
    AppButton {
        enabled: !root.busy
        implicitHeight: 42
        objectName: "submitButton"
        text: root.busy ? (root.creating ? qsTr("Creating your account…") : qsTr("Signing in…")) : root.creating ? qsTr("Create account") : qsTr("Sign in")
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
