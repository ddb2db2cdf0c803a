// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Hearth.Ui

Item {
    id: root
    height: 400
    width: 600

    ListModel {
        id: messages

        //! As TimelineModel's: the message a jump landed on, and the signal that names its row.
        property int highlightSeq: 0

        signal jumped(int row)

        function fill(n) {
            clear();
            for (let i = 0; i < n; ++i)
                append(row(i));
        }
        function row(i) {
            return {
                "seq": i + 1,
                "eventKind": "message",
                "senderName": i % 3 === 0 ? "alice" : "bob",
                "own": i % 3 === 0,
                "text": "message " + i,
                "html": "<p>message " + i + "</p>",
                "time": new Date(2026, 10, 28, 9, i % 60),
                "state": i % 3 === 0 ? "sent" : "",
                "readByCount": 0,
                "edited": false,
                "deleted": false,
                "reactions": [],
                "firstInGroup": i % 3 !== 2,
                "daySeparator": i % 50 === 0 ? "Friday 28 November" : "",
                "firstUnread": false,
                "avatarColor": "#5c7cfa",
                "initials": i % 3 === 0 ? "A" : "B"
            };
        }
    }
    Component {
        id: timelineComponent
        TimelineView {
            anchors.fill: parent
            model: messages
        }
    }
    Component {
        id: spyComponent
        SignalSpy {
        }
    }
    TestCase {
        id: testCase
        function make(rows) {
            messages.fill(rows);
            const t = createTemporaryObject(timelineComponent, root);
            verify(t);
            waitForRendering(t);
            return t;
        }
        function scrollUp(t) {
            for (let i = 0; i < 10; ++i)
                mouseWheel(t.listView, 100, 100, 0, 120);
        }
        function spy(target, signalName) {
            return createTemporaryObject(spyComponent, root, {
                    "target": target,
                    "signalName": signalName
                });
        }
        function test_nearTheTopAsksForOlder() {
            const t = make(60);
            const older = spy(t, "loadOlderRequested");
            tryVerify(() => t.listView.atYEnd);
            t.listView.positionViewAtBeginning();
            tryVerify(() => older.count > 0);
            t.atEnd = true;
            const before = older.count;
            t.listView.positionViewAtEnd();
            t.listView.positionViewAtBeginning();
            compare(older.count, before, "no requests once the whole history is here");
        }
        function test_olderPageKeepsPosition() {
            const t = make(100);
            tryVerify(() => t.listView.atYEnd);
            scrollUp(t);
            tryVerify(() => !t.following);
            tryVerify(() => !t.listView.moving);
            const anchor = t.listView.indexAt(10, t.listView.contentY + 100);
            verify(anchor >= 0);
            for (let i = 0; i < 20; ++i)
                messages.insert(0, messages.row(1000 + i));
            compare(t.unseenCount, 0, "an older page is not new messages");
            tryVerify(() => t.listView.indexAt(10, t.listView.contentY + 100) === anchor + 20, 2000, "the row being read stays in place");
        }
        function test_opensAtTheBottomAndFollows() {
            const t = make(300);
            tryVerify(() => t.listView.atYEnd);
            verify(t.following);
            messages.append(messages.row(300));
            tryVerify(() => t.listView.itemAtIndex(300) !== null && t.listView.atYEnd, 2000, "the new message is laid out");
            const last = t.listView.itemAtIndex(300);
            verify(last.y + last.height >= t.listView.contentY + t.listView.height - 16);
            verify(!findChild(t, "jumpToLatest").visible);
        }
        function test_showingTheNewestMessageReportsIt() {
            // What marks a conversation read: opening it at its end, and new messages while
            // following; not an older page coming in.
            const t = make(50);
            const spy = createTemporaryObject(spyComponent, root, {
                target: t,
                signalName: "reachedLatest"
            });
            messages.append(messages.row(50));
            spy.wait(2000);
            verify(spy.count >= 1);
            tryVerify(() => t.following);
            scrollUp(t);
            tryVerify(() => !t.following);
            spy.clear();
            for (let i = 0; i < 10; ++i)
                messages.insert(0, messages.row(2000 + i));
            wait(100); // a negative check: nothing to wait for
            compare(spy.count, 0, "an older page is not reading");
        }
        function test_scalesTo100kRows() {
            const t = make(0);
            const rows = [];
            for (let i = 0; i < 100000; ++i)
                rows.push(messages.row(i));
            messages.append(rows);
            tryVerify(() => t.listView.itemAtIndex(99999) !== null && t.listView.atYEnd, 5000, "opens at the newest message");
            verify(t.listView.count === 100000);
            // Only what is on screen (plus the cache buffer) exists.
            let created = 0;
            for (let i = 99900; i < 100000; ++i)
                created += t.listView.itemAtIndex(i) ? 1 : 0;
            verify(created > 0 && created < 100, "created " + created);
        }
        function test_scrolledUpCountsNewMessagesAndJumps() {
            const t = make(300);
            tryVerify(() => t.listView.atYEnd);
            scrollUp(t);
            tryVerify(() => !t.following);
            messages.append(messages.row(300));
            messages.append(messages.row(301));
            compare(t.unseenCount, 2);
            verify(!t.listView.atYEnd, "the view stays where the member is reading");
            const jump = findChild(t, "jumpToLatest");
            verify(jump.visible);
            const reached = spy(t, "reachedLatest");
            mouseClick(jump);
            tryVerify(() => t.listView.atYEnd);
            verify(t.following);
            compare(t.unseenCount, 0);
            verify(reached.count >= 1);
        }
        function test_jumpShowsAndHighlightsTheMessage() {
            const t = make(300);
            t.showsLatest = false; // a jump into older history: the rows stop short of the newest
            tryVerify(() => t.listView.atYEnd);
            messages.highlightSeq = 121;
            messages.jumped(120);
            tryVerify(() => {
                const item = t.listView.itemAtIndex(120);
                return item && item.y >= t.listView.contentY && item.y + item.height <= t.listView.contentY + t.listView.height;
            }, 2000, "the row jumped to is on screen");
            const item = t.listView.itemAtIndex(120);
            verify(item.highlighted);
            verify(!t.listView.itemAtIndex(119).highlighted);
            verify(!t.following, "not following: the newest message is not loaded");
            // Near the bottom it asks for newer rows, not "new messages".
            const newer = spy(t, "loadNewerRequested");
            t.listView.positionViewAtEnd();
            tryVerify(() => newer.count >= 1);
            // "Jump to latest" asks the model for the newest page.
            const latest = spy(t, "latestRequested");
            t.jumpToLatest();
            compare(latest.count, 1);
        }

        name: "TimelineView"
        when: windowShown
    }
}
