// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Hearth.Ui

Item {
    id: root
    height: 600
    width: 320

    ListModel {
        id: conversations
        function fill() {
            clear();
            const now = new Date();
            append({
                    "conversationId": 1,
                    "title": "Garden club",
                    "kind": "group",
                    "unreadCount": 3,
                    "lastMessageText": "Tomatoes are in!",
                    "lastMessageSender": "bob",
                    "lastMessageTime": now,
                    "muted": false,
                    "notificationLevel": "all",
                    "presence": "",
                    "avatarColor": "#2f9e44",
                    "initials": "GC",
                    "draft": "",
                    "membershipAlert": "refused"
                });
            append({
                    "conversationId": 2,
                    "title": "carol",
                    "kind": "dm",
                    "unreadCount": 0,
                    "lastMessageText": "See you",
                    "lastMessageSender": "carol",
                    "lastMessageTime": new Date(now.getTime() - 3 * 86400000),
                    "muted": false,
                    "notificationLevel": "all",
                    "presence": "online",
                    "avatarColor": "#e8590c",
                    "initials": "C",
                    "draft": "half a thought"
                });
            append({
                    "conversationId": 3,
                    "title": "announcements",
                    "kind": "channel",
                    "unreadCount": 12,
                    "lastMessageText": "Meeting moved",
                    "lastMessageSender": "admin",
                    "lastMessageTime": new Date(now.getTime() - 40 * 86400000),
                    "muted": true,
                    "notificationLevel": "none",
                    "presence": "",
                    "avatarColor": "#5c7cfa",
                    "initials": "AN",
                    "draft": ""
                });
        }
    }
    Component {
        id: sidebarComponent
        Sidebar {
            currentConversationId: 2
            height: 600
            model: conversations
            userName: "alice"
            width: 320
        }
    }
    Component {
        id: spyComponent
        SignalSpy {
        }
    }
    TestCase {
        id: testCase
        function make() {
            conversations.fill();
            const s = createTemporaryObject(sidebarComponent, root);
            verify(s);
            waitForRendering(s);
            tryCompare(s.listView, "count", 3);
            return s;
        }
        function row(s, i) {
            const item = s.listView.itemAtIndex(i);
            verify(item, "row " + i);
            return item;
        }
        function spy(target, signalName) {
            return createTemporaryObject(spyComponent, root, {
                    "target": target,
                    "signalName": signalName
                });
        }
        function test_arrowsMoveTheCursor() {
            const s = make();
            const activated = spy(s, "activated");
            s.focusFilter();
            tryVerify(() => findChild(s, "filterField").activeFocus);
            keyClick(Qt.Key_Down);
            keyClick(Qt.Key_Down);
            compare(s.listView.currentIndex, 1);
            verify(row(s, 1).current);
            keyClick(Qt.Key_Up);
            keyClick(Qt.Key_Return);
            compare(activated.signalArguments[0][0], 1);
        }
        function test_badges() {
            const s = make();
            const first = findChild(row(s, 0), "badge");
            verify(first.visible);
            compare(first.count, 3);
            compare(first.color, Theme.badge);
            verify(!findChild(row(s, 1), "badge").visible);
            const muted = findChild(row(s, 2), "badge");
            verify(muted.visible);
            compare(muted.color, Theme.badgeMuted);
            verify(findChild(row(s, 2), "mutedIcon").visible);
            verify(!findChild(row(s, 0), "mutedIcon").visible);
            // A membership warning shows in the list too.
            verify(findChild(row(s, 0), "membershipAlertIcon").visible);
            verify(!findChild(row(s, 1), "membershipAlertIcon").visible);
        }
        function test_buttons() {
            const s = make();
            const settings = spy(s, "settingsRequested");
            const create = spy(s, "newConversationRequested");
            mouseClick(findChild(s, "settingsButton"));
            mouseClick(findChild(s, "newConversationButton"));
            compare(settings.count, 1);
            compare(create.count, 1);
        }
        function test_clickActivates() {
            const s = make();
            const activated = spy(s, "activated");
            mouseClick(row(s, 2));
            compare(activated.count, 1);
            compare(activated.signalArguments[0][0], 3);
        }
        function test_filterEmitsAndKeyboardOpens() {
            const s = make();
            const filtered = spy(s, "filterEdited");
            const activated = spy(s, "activated");
            const field = findChild(s, "filterField");
            mouseClick(field);
            tryVerify(() => field.activeFocus);
            keyClick("g");
            keyClick("a");
            compare(filtered.count, 2);
            compare(filtered.signalArguments[1][0], "ga");
            // The C++ model filters; emulate it.
            conversations.remove(1, 2);
            tryCompare(s.listView, "count", 1);
            keyClick(Qt.Key_Return);
            compare(activated.count, 1);
            compare(activated.signalArguments[0][0], 1);
            keyClick(Qt.Key_Escape);
            compare(field.text, "");
            compare(filtered.signalArguments[filtered.count - 1][0], "");
        }
        function test_fingerprintGroups() {
            compare(Format.groupFingerprint("123451234512"), "12345 12345 12");
            compare(Format.groupFingerprint("a1b2c3d4e5"), "a1b2 c3d4 e5");
        }
        function test_previewPrefixesSenderInGroupsAndShowsDrafts() {
            const s = make();
            compare(findChild(row(s, 0), "preview").text, "bob: Tomatoes are in!");
            const draft = findChild(row(s, 1), "preview").text;
            verify(draft.indexOf("Draft:") >= 0);
            verify(draft.indexOf("half a thought") >= 0);
        }
        function test_rowsRendered() {
            const s = make();
            compare(findChild(row(s, 0), "title").text, "Garden club");
            compare(findChild(row(s, 1), "title").text, "carol");
            verify(findChild(row(s, 2), "kindMark").visible, "channels show #");
            verify(!findChild(row(s, 0), "kindMark").visible);
            compare(findChild(s, "userName").text, "alice");
            verify(row(s, 1).selected);
            verify(!row(s, 0).selected);
        }
        function test_timeLabels() {
            const now = new Date(2026, 10, 28, 15, 0);
            compare(Format.shortTime(new Date(2026, 10, 28, 9, 5), now), "09:05");
            compare(Format.shortTime(new Date(2026, 10, 26, 9, 5), now), Qt.formatDate(new Date(2026, 10, 26), "ddd"));
            compare(Format.shortTime(new Date(2026, 9, 2, 9, 5), now), Qt.formatDate(new Date(2026, 9, 2), "d MMM"));
            compare(Format.shortTime(new Date(2024, 9, 2, 9, 5), now), Qt.formatDate(new Date(2024, 9, 2), "d MMM yyyy"));
            compare(Format.shortTime(undefined, now), "");
        }

        name: "Sidebar"
        when: windowShown
    }
}
