// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Hearth.Ui

Item {
    id: root
    height: 800
    width: 1000

    ListModel {
        id: conversations
        ListElement {
            avatarColor: "#2b8a3e"
            conversationId: 1
            draft: ""
            initials: "GC"
            kind: "group"
            lastMessageSender: "bob"
            lastMessageText: "hi"
            muted: false
            presence: ""
            title: "Garden club"
            unreadCount: 0
        }
        ListElement {
            avatarColor: "#d9480f"
            conversationId: 2
            draft: ""
            initials: "C"
            kind: "dm"
            lastMessageSender: "carol"
            lastMessageText: "hey"
            muted: false
            presence: "online"
            title: "carol"
            unreadCount: 0
        }
        ListElement {
            avatarColor: "#5c7cfa"
            conversationId: 3
            draft: ""
            initials: "BC"
            kind: "group"
            lastMessageSender: "alice"
            lastMessageText: "next"
            muted: false
            presence: ""
            title: "Book circle"
            unreadCount: 0
        }
    }
    Component {
        id: newConversationComponent
        NewConversationDialog {
            selfName: "alice"
        }
    }
    Component {
        id: setupComponent
        SetupPage {
            anchors.fill: parent
            defaultRelayUrl: "ws://localhost:8080"
        }
    }
    Component {
        id: unlockComponent
        UnlockPage {
            anchors.fill: parent
            userName: "alice"
        }
    }
    Component {
        id: switcherComponent
        QuickSwitcher {
            model: conversations
        }
    }
    Component {
        id: settingsComponent
        SettingsDialog {
            userName: "alice"
        }
    }
    Component {
        id: spyComponent
        SignalSpy {
        }
    }
    TestCase {
        id: testCase

        // SetupPage
        function fillSetup(page, passphrase, confirm) {
            setField(page, "userNameField", "alice");
            setField(page, "passwordField", "correct horse");
            setField(page, "passphraseField", passphrase);
            setField(page, "confirmField", confirm);
        }
        function openDialog(component) {
            const d = createTemporaryObject(component, root);
            verify(d);
            d.open();
            tryVerify(() => d.opened);
            return d;
        }
        function setField(owner, name, value) {
            const f = findChild(owner, name);
            verify(f, name);
            f.text = value;
            return f;
        }
        function spy(target, signalName) {
            return createTemporaryObject(spyComponent, root, {
                    "target": target,
                    "signalName": signalName
                });
        }
        function test_channelNeedsOnlyATitle() {
            const d = openDialog(newConversationComponent);
            const created = spy(d, "createRequested");
            d.mode = 2;
            mouseClick(findChild(d.contentItem, "createButton"));
            compare(created.count, 0);
            compare(d.validationText, "Give the channel a name.");
            setField(d.contentItem, "titleField", "announcements");
            mouseClick(findChild(d.contentItem, "createButton"));
            compare(created.count, 1);
            compare(created.signalArguments[0][0], "channel");
            compare(created.signalArguments[0][2], []);
        }

        // NewConversationDialog
        function test_directMessageValidation() {
            const d = openDialog(newConversationComponent);
            const dm = spy(d, "directMessageRequested");
            const create = findChild(d.contentItem, "createButton");
            mouseClick(create);
            compare(dm.count, 0);
            verify(d.opened, "stays open while invalid");
            verify(findChild(d.contentItem, "dmField").error !== "");
            setField(d.contentItem, "dmField", "alice");
            mouseClick(create);
            compare(dm.count, 0, "no DM with oneself");
            setField(d.contentItem, "dmField", " bob ");
            mouseClick(create);
            compare(dm.count, 1);
            compare(dm.signalArguments[0][0], "bob");
            tryVerify(() => !d.visible);
        }
        function test_groupNeedsTitleAndMembers() {
            const d = openDialog(newConversationComponent);
            const created = spy(d, "createRequested");
            mouseClick(findChild(d.contentItem, "segment1"));
            compare(d.kind, "group");
            const create = findChild(d.contentItem, "createButton");
            setField(d.contentItem, "titleField", "Garden club");
            mouseClick(create);
            compare(created.count, 0);
            compare(d.validationText, "Add at least one member.");
            const members = findChild(d.contentItem, "memberField");
            members.field.forceActiveFocus();
            members.text = "bob, carol alice";
            keyClick(Qt.Key_Return);
            compare(d.members, ["bob", "carol"], "split, without oneself");
            mouseClick(create);
            compare(created.count, 1);
            compare(created.signalArguments[0][0], "group");
            compare(created.signalArguments[0][1], "Garden club");
            compare(created.signalArguments[0][2], ["bob", "carol"]);
        }
        function test_settingsDevices() {
            const s = openDialog(settingsComponent);
            s.devices = [{
                    "deviceId": "D1",
                    "name": "Laptop",
                    "fingerprint": "1234567890",
                    "current": true,
                    "approved": true
                }];
            s.section = 4;
            const list = findChild(s.contentItem, "deviceList");
            tryCompare(list, "count", 1);
            compare(findChild(list, "fingerprint").text, "12345 67890");
        }

        // SettingsDialog
        function test_settingsReportsChanges() {
            const s = openDialog(settingsComponent);
            const receipts = spy(s, "readReceiptsChangeRequested");
            const policy = spy(s, "messagePolicyChangeRequested");
            const theme = spy(s, "themeChangeRequested");
            s.section = 1;
            const receiptsSwitch = findChild(findChild(s.contentItem, "readReceiptsSwitch"), "switch");
            tryVerify(() => receiptsSwitch.visible);
            mouseClick(receiptsSwitch);
            compare(receipts.count, 1);
            compare(receipts.signalArguments[0][0], false);
            verify(receiptsSwitch.checked, "shows the controller's value until it changes");
            mouseClick(findChild(s.contentItem, "policy_shared"));
            compare(policy.signalArguments[0][0], "shared");
            s.section = 3;
            const themes = findChild(s.contentItem, "themeSwitch");
            tryVerify(() => themes.visible);
            mouseClick(findChild(themes, "segment2"));
            compare(theme.signalArguments[0][0], "dark");
        }
        function test_setupCreatesAndSignsIn() {
            const page = createTemporaryObject(setupComponent, root);
            const created = spy(page, "createAccount");
            const signedIn = spy(page, "signIn");
            compare(findChild(page, "relayField").text, "ws://localhost:8080", "relay prefilled");
            fillSetup(page, "battery staple", "battery staple");
            mouseClick(findChild(page, "submitButton"));
            compare(created.count, 1);
            compare(created.signalArguments[0][0], "alice");
            compare(created.signalArguments[0][1], "correct horse");
            compare(created.signalArguments[0][2], "battery staple");
            compare(created.signalArguments[0][3], "ws://localhost:8080");
            compare(created.signalArguments[0][4], false);
            mouseClick(findChild(page, "segment1"));
            verify(!page.creating);
            mouseClick(findChild(page, "submitButton"));
            compare(signedIn.count, 1);
            compare(created.count, 1);
        }
        function test_setupKeychainBusyAndError() {
            const page = createTemporaryObject(setupComponent, root);
            verify(!findChild(page, "rememberBox").visible, "no keychain, no checkbox");
            page.keychainAvailable = true;
            verify(findChild(page, "rememberBox").visible);
            verify(!findChild(page, "errorBanner").visible);
            page.errorText = "The relay can't be reached. Check the address.";
            const banner = findChild(page, "errorBanner");
            verify(banner.visible);
            compare(findChild(banner, "bannerText").text, "The relay can't be reached. Check the address.");
            const created = spy(page, "createAccount");
            fillSetup(page, "battery staple", "battery staple");
            findChild(page, "rememberBox").checked = true;
            page.busy = true;
            verify(!findChild(page, "submitButton").enabled);
            verify(findChild(page, "busyIndicator").visible);
            page.submit();
            compare(created.count, 0, "no second request while busy");
            page.busy = false;
            page.submit();
            compare(created.count, 1);
            compare(created.signalArguments[0][4], true);
        }
        function test_setupPassphraseMismatchShown() {
            const page = createTemporaryObject(setupComponent, root);
            const created = spy(page, "createAccount");
            fillSetup(page, "battery staple", "battery stapler");
            mouseClick(findChild(page, "submitButton"));
            compare(created.count, 0);
            compare(findChild(page, "confirmField").error, "The passphrases don't match.");
            verify(findChild(findChild(page, "confirmField"), "fieldMessage").visible);
        }
        function test_switcherArrows() {
            const s = openDialog(switcherComponent);
            const activated = spy(s, "activated");
            tryVerify(() => findChild(s.contentItem, "switcherField").activeFocus);
            keyClick(Qt.Key_Down);
            keyClick(Qt.Key_Return);
            compare(activated.signalArguments[0][0], 2);
        }

        // QuickSwitcher
        function test_switcherFiltersAndOpens() {
            const s = openDialog(switcherComponent);
            const activated = spy(s, "activated");
            compare(s.matchCount, 3);
            tryVerify(() => findChild(s.contentItem, "switcherField").activeFocus);
            for (const ch of "circ")
                keyClick(ch);
            compare(s.matchCount, 1);
            keyClick(Qt.Key_Return);
            compare(activated.count, 1);
            compare(activated.signalArguments[0][0], 3);
            tryVerify(() => !s.visible);
        }

        // UnlockPage
        function test_unlock() {
            const page = createTemporaryObject(unlockComponent, root);
            const unlocked = spy(page, "unlock");
            const button = findChild(page, "unlockButton");
            verify(!button.enabled, "nothing to unlock with yet");
            const field = findChild(page, "passphraseField");
            field.field.forceActiveFocus();
            tryVerify(() => field.field.activeFocus);
            for (const ch of "secret phrase")
                keyClick(ch);
            keyClick(Qt.Key_Return);
            compare(unlocked.count, 1);
            compare(unlocked.signalArguments[0][0], "secret phrase");
            page.errorText = "That passphrase didn't open your messages.";
            verify(findChild(page, "errorBanner").visible);
            page.busy = true;
            verify(!button.enabled);
            compare(button.text, "Unlocking…");
        }

        name: "Dialogs"
        when: windowShown
    }
}
