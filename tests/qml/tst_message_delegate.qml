// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Hearth.Ui

Item {
    id: root
    height: 480
    width: 640

    Component {
        id: delegateComponent
        MessageDelegate {
            avatarColor: "#5c7cfa"
            html: "<p>Hello <b>garden</b></p>"
            initials: "A"
            senderName: "alice"
            seq: 17
            text: "Hello **garden**"
            time: new Date(2026, 2, 3, 10, 42)
            width: 640
        }
    }
    Component {
        id: spyComponent
        SignalSpy {
        }
    }
    TestCase {
        id: testCase
        function make(props) {
            const d = createTemporaryObject(delegateComponent, root, props || {});
            verify(d);
            waitForRendering(d);
            return d;
        }
        function spy(target, signalName) {
            return createTemporaryObject(spyComponent, root, {
                    "target": target,
                    "signalName": signalName
                });
        }
        function stateIcon(d) {
            return findChild(d, "stateIcon");
        }
        function test_daySeparatorShown() {
            const none = make();
            verify(!findChild(none, "daySeparator").visible);
            const d = make({
                    "daySeparator": "Monday 3 March"
                });
            const sep = findChild(d, "daySeparator");
            verify(sep.visible);
            verify(sep.height > 0);
            verify(d.height > none.height);
        }
        function test_deleted() {
            const d = make({
                    "own": true,
                    "deliveryState": "sent",
                    "deleted": true,
                    "reactions": [{
                            "emoji": "\u2764",
                            "count": 1,
                            "mine": false
                        }]
                });
            const body = findChild(d, "body");
            verify(body.text.indexOf("This message was deleted") >= 0);
            verify(body.text.indexOf("garden") < 0);
            verify(!findChild(d, "status").visible);
            verify(!findChild(d, "reactions").active);
            verify(!d.canAct, "no actions on a deleted message");
        }
        function test_editedMarker() {
            const plain = make();
            verify(findChild(plain, "body").text.indexOf("(edited)") < 0);
            const d = make({
                    "edited": true
                });
            const text = findChild(d, "body").text;
            verify(text.indexOf("(edited)") > text.indexOf("garden"), "marker after the text, inside the paragraph");
        }
        function test_failedOffersRetry() {
            const d = make({
                    "own": true,
                    "seq": 0,
                    "deliveryState": "failed"
                });
            const retry = spy(d, "retryRequested");
            const button = findChild(d, "retryButton");
            verify(button && button.visible);
            mouseClick(button);
            compare(retry.count, 1);
            compare(stateIcon(d).color, Theme.danger);
        }
        function test_firstUnreadDividerShown() {
            const none = make();
            verify(!findChild(none, "unreadDivider").visible);
            const d = make({
                    "firstUnread": true
                });
            verify(findChild(d, "unreadDivider").visible);
        }
        function test_hoverActionsForOwnMessages() {
            const d = make({
                    "own": true,
                    "deliveryState": "sent"
                });
            const edit = spy(d, "editRequested");
            const del = spy(d, "deleteRequested");
            mouseMove(d, d.width / 2, d.height / 2);
            tryVerify(() => findChild(d, "editButton") !== null);
            mouseClick(findChild(d, "editButton"));
            compare(edit.count, 1);
            compare(edit.signalArguments[0][0], 17);
            compare(edit.signalArguments[0][1], "Hello **garden**");
            mouseClick(findChild(d, "deleteButton"));
            compare(del.count, 1);
        }
        function test_linksGoThroughTheSignal() {
            const d = make({
                    "html": "<p><a href=\"https://example.org\">site</a></p>"
                });
            const links = spy(d, "linkActivated");
            findChild(d, "body").linkActivated("https://example.org");
            compare(links.count, 1);
            compare(links.signalArguments[0][0], "https://example.org");
            verify(Theme.isWebLink("https://example.org"));
            verify(!Theme.isWebLink("file:///etc/passwd"));
            verify(!Theme.isWebLink("javascript:alert(1)"));
        }
        function test_membershipIsACentredLine() {
            const d = make({
                    "eventKind": "membership",
                    "text": "bob joined"
                });
            verify(findChild(d, "membershipLine").visible);
            const line = findChild(d, "membershipText");
            compare(line.text, "bob joined");
            compare(line.horizontalAlignment, Text.AlignHCenter);
            verify(!findChild(d, "avatar").visible);
            verify(!findChild(d, "senderName").visible);
        }
        function test_refusedMembershipChangeIsAWarning() {
            const d = make({
                    "eventKind": "membership",
                    "membershipTrust": "refused",
                    "text": "Not applied: the relay reported \u201calice added mallory\u201d"
                });
            const line = findChild(d, "membershipText");
            compare(line.text, "\u26A0 Not applied: the relay reported \u201calice added mallory\u201d");
            compare(line.color, Theme.warningText);
            d.membershipTrust = "signed";
            compare(line.color, Theme.textMuted);
            verify(!line.font.italic);
            d.membershipTrust = "relay";
            verify(line.font.italic);
        }
        function test_noEditForOthers() {
            const d = make();
            mouseMove(d, d.width / 2, d.height / 2);
            tryVerify(() => findChild(d, "reactButton") !== null);
            verify(!findChild(d, "editButton").visible);
            verify(!findChild(d, "deleteButton").visible);
        }
        function test_notFirstInGroupHidesNameAndAvatar() {
            const d = make({
                    "firstInGroup": false
                });
            verify(!findChild(d, "senderName").visible);
            verify(!findChild(d, "avatar").visible);
            verify(d.height < make().height, "grouped rows are compact");
        }
        function test_othersMessageHasNameAvatarAndNoState() {
            const d = make();
            verify(findChild(d, "senderName").visible);
            compare(findChild(d, "senderName").text, "alice");
            verify(findChild(d, "avatar").visible);
            verify(!findChild(d, "status").visible);
            verify(findChild(d, "body").text.indexOf("<b>garden</b>") >= 0);
        }
        function test_ownStates(data) {
            const d = make({
                    "own": true,
                    "seq": data.state === "pending" || data.state === "sending" ? 0 : 17,
                    "deliveryState": data.state
                });
            verify(findChild(d, "status").visible);
            compare(stateIcon(d).text, data.glyph);
            compare(findChild(d, "failedNotice").active, data.state === "failed");
        }
        function test_ownStates_data() {
            return [{
                    "tag": "pending",
                    "state": "pending",
                    "glyph": "\u25F7"
                }, {
                    "tag": "sending",
                    "state": "sending",
                    "glyph": "\u25F7"
                }, {
                    "tag": "sent",
                    "state": "sent",
                    "glyph": "\u2713"
                }, {
                    "tag": "read",
                    "state": "read",
                    "glyph": "\u2713\u2713"
                }, {
                    "tag": "failed",
                    "state": "failed",
                    "glyph": "!"
                }];
        }
        function test_plainTextIsEscapedWithoutHtml() {
            const d = make({
                    "html": "",
                    "text": "<img src=x> & co"
                });
            const text = findChild(d, "body").text;
            verify(text.indexOf("<img") < 0);
            verify(text.indexOf("&lt;img") >= 0);
        }
        function test_reactionsClickToggles() {
            const d = make({
                    "reactions": [{
                            "emoji": "\u2764",
                            "count": 2,
                            "mine": true
                        }, {
                            "emoji": "\u263A",
                            "count": 1,
                            "mine": false
                        }]
                });
            const toggled = spy(d, "reactionToggled");
            const heart = findChild(d, "reaction_\u2764");
            const smile = findChild(d, "reaction_\u263A");
            verify(heart && smile);
            verify(heart.checked, "mine is highlighted");
            verify(!smile.checked);
            mouseClick(smile);
            compare(toggled.count, 1);
            compare(toggled.signalArguments[0][0], 17);
            compare(toggled.signalArguments[0][1], "\u263A");
        }
        function test_reactionsFromNestedListModel() {
            const model = Qt.createQmlObject('import QtQuick; ListModel { ListElement { emoji: "\u2764"; count: 4; mine: false } }', root);
            const d = make({
                    "reactions": model
                });
            const heart = findChild(d, "reaction_\u2764");
            verify(heart);
            compare(heart.modelData.count, 4);
            model.destroy();
        }
        function test_readByInGroupsOnly() {
            const group = make({
                    "own": true,
                    "deliveryState": "read",
                    "readByCount": 3,
                    "showReadBy": true
                });
            const readBy = findChild(group, "readBy");
            verify(readBy.visible);
            compare(readBy.text, "Read by 3");
            const dm = make({
                    "own": true,
                    "deliveryState": "read",
                    "readByCount": 1,
                    "showReadBy": false
                });
            verify(!findChild(dm, "readBy").visible);
        }
        function test_undecryptable() {
            const d = make({
                    "eventKind": "undecryptable",
                    "html": "",
                    "text": ""
                });
            verify(findChild(d, "body").text.indexOf("Waiting for this message\u2019s key") >= 0 || findChild(d, "body").text.indexOf("Waiting for this message's key") >= 0);
            verify(!d.canAct);
        }

        name: "MessageDelegate"
        when: windowShown
    }
}
