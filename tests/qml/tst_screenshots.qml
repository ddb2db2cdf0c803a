// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtQuick.Window
import QtTest
import Hearth.Ui

// Screenshot harness: renders the views over a fixture in light and dark to PNGs in the
// working directory (<build>/tests/qml/screenshots). Look at them after UI changes.
Item {
    id: root
    height: 760
    width: 1200

    Fixtures {
        id: fixtures
    }
    Component {
        id: chatConversation
        FakeConversation {
            canManageMembers: true
            members: fixtures.members
            subtitle: "6 members · 3 online"
            timeline: fixtures.timeline
            typingText: "erin is typing…"
        }
    }
    Component {
        id: chatSession
        FakeSession {
            conversations: fixtures.conversations
        }
    }
    Component {
        id: chatComponent
        ChatPage {
            anchors.fill: parent
            conversation: chatConversation.createObject(root)
            session: chatSession.createObject(root)
        }
    }
    Component {
        id: setupComponent
        SetupPage {
            anchors.fill: parent
            defaultRelayUrl: "wss://relay.garden.example"
            errorText: "That user name is taken. Try another, or sign in if it's yours."
            keychainAvailable: true
        }
    }
    Component {
        id: unlockComponent
        UnlockPage {
            anchors.fill: parent
            errorText: "That passphrase didn't open your messages. Check it and try again."
            userName: "alice"
        }
    }
    Component {
        id: settingsComponent
        SettingsDialog {
            devices: [{
                    "deviceId": "DEV1",
                    "name": "Laptop",
                    "fingerprint": "12345678901234567890123456789012345678901234567890",
                    "current": true,
                    "approved": true
                }, {
                    "deviceId": "DEV2",
                    "name": "Desktop at home",
                    "fingerprint": "09876543210987654321098765432109876543210987654321",
                    "current": false,
                    "approved": true
                }]
            section: 4
            userColor: "#5c7cfa"
            userName: "alice"
        }
    }
    Component {
        id: approveComponent
        ApproveDeviceDialog {
            deviceId: 42
        }
    }
    Component {
        id: waitingComponent
        Item {
            anchors.fill: parent

            ApprovalCodeNotice {
                anchors.centerIn: parent
                code: "7K3Q-M9ZD-X2PA-4HNB"
                width: 560
            }
            AccountKeyAlert {
                anchors.horizontalCenter: parent.horizontalCenter
                anchors.top: parent.top
                anchors.topMargin: 64
                user: "bob"
                width: 640
            }
        }
    }
    Component {
        id: switcherComponent
        QuickSwitcher {
            model: fixtures.conversations
            selfName: "alice"
        }
    }
    Component {
        id: conversationSettingsComponent
        ConversationSettings {
            conversationTitle: "Garden club"
            notificationLevel: "mentions"
        }
    }
    ListModel {
        id: changedMembers
        ListElement {
            avatarColor: "#5c7cfa"
            devicesChanged: false
            initials: "AL"
            isSelf: true
            presence: "online"
            role: "owner"
            userName: "alice"
        }
        ListElement {
            avatarColor: "#c2410c"
            devicesChanged: true
            initials: "BO"
            isSelf: false
            presence: "online"
            role: "member"
            userName: "bob"
        }
        ListElement {
            avatarColor: "#6d28d9"
            devicesChanged: false
            initials: "CA"
            isSelf: false
            presence: "away"
            role: "member"
            userName: "carol"
        }
    }
    Component {
        id: contactDevicesComponent
        ContactDevicesDialog {
            accountFingerprint: "051234210987123456558901234567"
            devices: [{
                    "deviceId": 4,
                    "fingerprint": "3f9a1c0e7b2d4a6f8e1c3b5d7f9a0c2e4b6d8f1a3c5e7b9d0f2a4c6e8b1d3f5a",
                    "blocked": false
                }, {
                    "deviceId": 17,
                    "fingerprint": "a7c3e9f1b5d2086e4a1c7f3b9d5e0a2c6f8b4d1e3a5c7f9b0d2e4a6c8f1b3d5e",
                    "blocked": false
                }]
            devicesChanged: true
            signedAt: new Date(2026, 11, 7, 9, 41)
            userName: "bob"
        }
    }
    Component {
        id: newConversationComponent
        NewConversationDialog {
            selfName: "alice"
        }
    }
    Component {
        id: exportComponent
        ExportDialog {
            conversationTitle: "Garden club"
        }
    }
    TestCase {
        id: testCase
        function page(component, file, dark) {
            Theme.dark = dark;
            const p = createTemporaryObject(component, root);
            verify(p);
            shoot(p, file);
            return p;
        }
        function shoot(item, file) {
            waitForRendering(item);
            wait(150);
            let saved = false;
            const target = root.Window.window ? root.Window.window.contentItem : item;
            verify(target.grabToImage(result => {
                        saved = result.saveToFile(file);
                    }));
            tryVerify(() => saved, 3000, "saved " + file);
        }
        function test_chat() {
            for (const dark of [false, true]) {
                const p = page(chatComponent, dark ? "chat-dark.png" : "chat-light.png", dark);
                p.session.connectionState = "offline";
                shoot(p, dark ? "chat-offline-dark.png" : "chat-offline-light.png");
                p.destroy();
            }
        }
        function test_deviceTrust() {
            // A contact's devices changed (member row, details with fingerprints) while the
            // relay was caught serving two device lists for another account (the banner).
            Theme.dark = false;
            const base = createTemporaryObject(chatComponent, root);
            base.session.deviceTrust.conflicts = ["mallory"];
            base.conversation.members = changedMembers;
            shoot(base, "device-changes-light.png");
            const d = createTemporaryObject(contactDevicesComponent, base);
            d.open();
            tryVerify(() => d.opened);
            shoot(base, "contact-devices-light.png");
            d.close();
            Theme.dark = true;
            d.open();
            tryVerify(() => d.opened);
            shoot(base, "contact-devices-dark.png");
        }
        function test_dialogs() {
            for (const dark of [false, true]) {
                Theme.dark = dark;
                const base = createTemporaryObject(chatComponent, root);
                const s = createTemporaryObject(settingsComponent, base);
                s.open();
                tryVerify(() => s.opened);
                shoot(base, dark ? "settings-dark.png" : "settings-light.png");
                s.close();
                const n = createTemporaryObject(newConversationComponent, base);
                n.open();
                n.mode = 1;
                n.members = ["bob", "carol"];
                tryVerify(() => n.opened);
                shoot(base, dark ? "new-conversation-dark.png" : "new-conversation-light.png");
                n.close();
                base.destroy();
            }
        }
        function test_firstRun() {
            page(setupComponent, "setup-light.png", false).destroy();
            page(setupComponent, "setup-dark.png", true).destroy();
            page(unlockComponent, "unlock-dark.png", true).destroy();
        }
        function test_moreDialogs() {
            Theme.dark = false;
            const base = createTemporaryObject(chatComponent, root);
            const s = createTemporaryObject(settingsComponent, base, {
                    "section": 1
                });
            s.open();
            tryVerify(() => s.opened);
            shoot(base, "settings-privacy-light.png");
            s.close();
            const q = createTemporaryObject(switcherComponent, base);
            q.open();
            tryVerify(() => q.opened);
            q.query = "o";
            shoot(base, "switcher-light.png");
            q.close();
            Theme.dark = true;
            const c = createTemporaryObject(conversationSettingsComponent, base);
            c.open();
            tryVerify(() => c.opened);
            shoot(base, "conversation-settings-dark.png");
        }
        function test_membershipWarning() {
            // A change the relay reported that no member signed, and the fork warning.
            fixtures.message("bob", 1, "", {
                    "eventKind": "membership",
                    "text": "Not applied: the relay reported \u201calice added mallory\u201d, but no member signed this change. Keys go only to verified members.",
                    "membershipTrust": "refused",
                    "state": ""
                });
            for (const dark of [false, true]) {
                const p = page(chatComponent, dark ? "membership-fork-dark.png" : "membership-refused-light.png", dark);
                p.conversation.membershipAlert = dark ? "fork" : "refused";
                shoot(p, dark ? "membership-fork-dark.png" : "membership-refused-light.png");
                p.destroy();
            }
            fixtures.timeline.remove(fixtures.timeline.count - 1);
        }
        // The device approval flow: the code on the new device (with an account-key alert), the
        // prompt on the approving device, and its answer to a code that does not match.
        function test_deviceApproval() {
            for (const dark of [false, true]) {
                Theme.dark = dark;
                const base = createTemporaryObject(chatComponent, root);
                const waiting = createTemporaryObject(waitingComponent, base);
                shoot(base, dark ? "approval-code-dark.png" : "approval-code-light.png");
                waiting.destroy();
                const a = createTemporaryObject(approveComponent, base);
                a.open();
                tryVerify(() => a.opened);
                shoot(base, dark ? "approval-prompt-dark.png" : "approval-prompt-light.png");
                a.code = "7K3Q-M9ZD-X2PA-4HNC";
                a.errorText = "That code does not match the one device 42 shows. Check it and try again; if it never matches, do not approve the device.";
                shoot(base, dark ? "approval-wrong-code-dark.png" : "approval-wrong-code-light.png");
                a.close();
                base.destroy();
            }
        }
        // Search everywhere with a filter chip, hits grouped by conversation; the timeline
        // flashing the message a hit opened; the jump-to-date calendar.
        function test_search() {
            for (const dark of [false, true]) {
                Theme.dark = dark;
                const p = createTemporaryObject(chatComponent, root);
                const search = p.session.search;
                search.query = "tomatoes from:bob";
                search.chips = [{
                        "text": "from:bob",
                        "understood": true
                    }];
                search.statusText = "3 messages";
                p.openSearch(true);
                p.timelineView.flashSeq = fixtures.timeline.get(fixtures.timeline.count - 3).seq;
                shoot(p, dark ? "search-dark.png" : "search-light.png");
                if (!dark) {
                    search.scopeTitle = "Garden club";
                    search.chips = [{
                            "text": "has:file",
                            "understood": false
                        }];
                    search.query = "tomatoes has:file";
                    search.statusText = "has:file: messages carry no files yet";
                    search.clear();
                    shoot(p, "search-problem-light.png");
                    const j = findChild(p, "jumpToDate");
                    mouseClick(j);
                    shoot(p, "jump-to-date-light.png");
                }
                p.destroy();
            }
        }
        function test_exportDialog() {
            for (const dark of [false, true]) {
                Theme.dark = dark;
                const base = createTemporaryObject(chatComponent, root);
                const e = createTemporaryObject(exportComponent, base);
                e.open();
                tryVerify(() => e.opened);
                findChild(e.contentItem, "fromField").text = "2026-11-01";
                shoot(base, dark ? "export-dark.png" : "export-light.png");
                e.running = true;
                e.progress = 0.6;
                shoot(base, dark ? "export-running-dark.png" : "export-running-light.png");
                e.close();
                base.destroy();
            }
            Theme.dark = false;
            const base = createTemporaryObject(chatComponent, root);
            const s = createTemporaryObject(settingsComponent, base, {
                    "section": 0
                });
            s.open();
            tryVerify(() => s.opened);
            shoot(base, "settings-profile-light.png");
        }
        function test_narrowWindow() {
            root.width = 800;
            root.height = 520;
            const p = page(chatComponent, "chat-narrow-light.png", false);
            root.width = 1200;
            root.height = 760;
            shoot(p, "chat-wide-after-narrow-light.png");
            p.destroy();
        }

        name: "Screenshots"
        when: windowShown
    }
}
