// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Controls
import Hearth.App
import Hearth.Ui

//! The window: the one place that binds views to the `App` singleton (app/README.md).
ApplicationWindow {
    id: window

    property ChatPage chat: null
    readonly property bool chatting: App.stage === "ready"
    readonly property var current: App.current

    function closePopups() {
        let closed = false;
        for (const p of [switcher, newConversation, settings, conversationSettings, exportDialog]) {
            if (p.opened) {
                p.close();
                closed = true;
            }
        }
        return closed;
    }

    color: Theme.window
    font.family: Theme.fontFamily
    font.pixelSize: Theme.fontBody
    height: 760
    minimumHeight: 520
    minimumWidth: 800
    title: {
        const unread = App.conversations ? App.conversations.totalUnread || 0 : 0;
        const name = current ? qsTr("%1 — Hearth").arg(current.title) : qsTr("Hearth");
        return unread > 0 ? "(" + unread + ") " + name : name;
    }
    visible: true
    width: 1200

    // Notifications are shown only while the window is not focused.
    Binding {
        property: "windowActive"
        target: App
        value: window.active
    }
    Binding {
        property: "mode"
        target: Theme
        value: App.settings ? App.settings.theme : "system"
    }
    // The view says whether it shows the newest message; ConversationController decides what
    // counts as read (with App.windowActive).
    Binding {
        property: "atLatest"
        target: window.current
        value: window.chat !== null && window.chat.timelineView.following
        when: window.current !== null
    }

    Shortcut {
        enabled: window.chatting
        sequence: "Ctrl+K"

        onActivated: switcher.opened ? switcher.close() : switcher.open()
    }
    Shortcut {
        enabled: window.chatting
        sequence: "Ctrl+,"

        onActivated: settings.open()
    }
    Shortcut {
        enabled: window.chatting
        sequence: "Ctrl+N"

        onActivated: newConversation.open()
    }
    Shortcut {
        enabled: window.chatting && window.chat !== null
        sequence: "Ctrl+F"

        onActivated: window.chat.openSearch(false)
    }
    Shortcut {
        enabled: window.chatting && window.chat !== null
        sequence: "Ctrl+Shift+F"

        onActivated: window.chat.openSearch(true)
    }
    Shortcut {
        enabled: window.chatting
        sequence: "Esc"

        onActivated: {
            if (window.closePopups())
                return;
            if (window.chat.searchVisible)
                window.chat.closeSearch();
            else
                window.chat.cancelEdit();
        }
    }
    Loader {
        anchors.fill: parent
        sourceComponent: App.stage === "setup" ? setupPage : App.stage === "unlock" || App.stage === "opening" ? unlockPage : chatPage
    }
    Component {
        id: setupPage
        SetupPage {
            busy: App.busy
            defaultRelayUrl: App.defaultRelayUrl
            errorText: App.errorText
            keychainAvailable: App.keychainAvailable

            onCreateAccount: (user, password, passphrase, relay, remember) => App.createAccount(user, password, passphrase, relay, remember)
            onSignIn: (user, password, passphrase, relay, remember) => App.signIn(user, password, passphrase, relay, remember)
        }
    }
    Component {
        id: unlockPage
        UnlockPage {
            busy: App.busy || App.stage === "opening"
            errorText: App.errorText
            userName: App.userName

            onUnlock: passphrase => App.unlock(passphrase)
        }
    }
    Component {
        id: chatPage
        ChatPage {
            id: page

            conversation: window.current // qmllint disable unqualified
            session: App

            Component.onCompleted: window.chat = page // qmllint disable unqualified
            onContactDetailsRequested: name => {
                App.deviceTrust.showContact(name);
                contactDevices.open(); // qmllint disable unqualified
            }
            onConversationSettingsRequested: conversationSettings.open() // qmllint disable unqualified
            onNewConversationRequested: newConversation.open() // qmllint disable unqualified
            onSettingsRequested: settings.open() // qmllint disable unqualified
        }
    }
    QuickSwitcher {
        id: switcher
        model: App.conversations
        selfName: App.userName

        onActivated: id => App.openConversation(id)
    }
    NewConversationDialog {
        id: newConversation
        selfName: App.userName

        onCreateRequested: (kind, title, members) => App.createConversation(kind, title, members)
        onDirectMessageRequested: name => App.startDirectMessage(name)
    }
    ContactDevicesDialog {
        id: contactDevices

        readonly property var d: App.deviceTrust

        accountFingerprint: d.contactFingerprint
        devices: d.contactDevices
        devicesChanged: d.contactDevicesChanged
        signedAt: d.contactListSignedAt
        userName: d.contactName

        onAcknowledgeRequested: d.acknowledgeContact()
    }
    SettingsDialog {
        id: settings

        readonly property var s: App.settings

        onOpened: s.reload()
        devices: s ? s.devices : []
        messagePolicy: s ? s.messagePolicy : "everyone"
        notificationPreviews: s ? s.notificationPreviews : true
        notificationsEnabled: s ? s.notificationsEnabled : true
        readReceipts: s ? s.readReceipts : true
        theme: s ? s.theme : "system"
        userName: App.userName

        onAccountExportRequested: {
            settings.close();
            exportDialog.account = true;
            exportDialog.open();
        }
        onMessagePolicyChangeRequested: value => s.messagePolicy = value
        onNotificationPreviewsChangeRequested: value => s.notificationPreviews = value
        onNotificationsEnabledChangeRequested: value => s.notificationsEnabled = value
        onReadReceiptsChangeRequested: value => s.readReceipts = value
        onThemeChangeRequested: value => s.theme = value
    }
    ConversationSettings {
        id: conversationSettings
        conversationTitle: window.current ? window.current.title : ""
        muted: window.current ? window.current.muted : false
        notificationLevel: window.current ? window.current.notificationLevel : "all"

        onExportRequested: {
            conversationSettings.close();
            exportDialog.account = false;
            exportDialog.open();
        }
        onMutedChangeRequested: value => window.current.setMuted(value)
        onNotificationLevelChangeRequested: level => window.current.setNotificationLevel(level)
    }
    ExportDialog {
        id: exportDialog

        readonly property var exporter: App.exporter

        conversationTitle: window.current ? window.current.title : ""
        errorText: exporter.errorText
        lastFile: exporter.lastFile
        progress: exporter.progress
        running: exporter.running

        onAccountExportRequested: file => exporter.exportAccount(file)
        onCancelRequested: exporter.cancel()
        onExportRequested: (format, file, from, to) => exporter.exportConversation(window.current.conversationId, file, format, from, to)
    }
    ApproveDeviceDialog {
        id: deviceApproval

        busy: App.approving
        deviceId: App.pendingDeviceId
        errorText: App.approvalError

        onApprove: code => App.approvePendingDevice(code)
        onClosed: Qt.callLater(() => { // qmllint disable type
            // Closed without approving: the device keeps waiting (it asks again next time).
            if (App.pendingDeviceId > 0 && !App.approving)
                App.dismissPendingDevice();
        })
    }
    Connections {
        function onMessage(text) {
            toast.show(text);
        }
        function onPendingDeviceChanged() {
            if (App.pendingDeviceId > 0)
                deviceApproval.open();
            else
                deviceApproval.close();
        }
        function onRaiseRequested() {
            window.show();
            window.raise();
            window.requestActivate();
        }

        target: App
    }
    ApprovalCodeNotice {
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 96
        anchors.horizontalCenter: parent.horizontalCenter
        code: window.chatting && App.settings && !App.settings.thisDeviceApproved ? App.settings.approvalCode : ""
        objectName: "awaitingApproval"
        width: Math.min(parent.width - 48, 560)
    }
    Column {
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.top: parent.top
        anchors.topMargin: 64
        objectName: "accountKeyAlerts"
        spacing: Theme.spacingS
        width: Math.min(parent.width - 48, 640)
        z: 50

        Repeater {
            model: window.chatting ? App.refusedAccountKeys : []

            AccountKeyAlert {
                required property string modelData

                own: modelData === App.userName
                user: modelData
                width: parent.width

                onDismissed: App.dismissAccountKeyAlert(modelData)
            }
        }
    }
    Toast {
        id: toast

        anchors.bottom: parent.bottom
        anchors.bottomMargin: 24
        anchors.horizontalCenter: parent.horizontalCenter
        z: 100
    }
}
