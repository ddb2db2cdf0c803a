// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Hearth.Ui

Item {
    id: root
    height: 600
    width: 1200

    Fixtures {
        id: fixtures
    }
    Component {
        id: conversationComponent
        FakeConversation {
            members: fixtures.members
            timeline: fixtures.timeline
        }
    }
    Component {
        id: sessionComponent
        FakeSession {
            conversations: fixtures.conversations
        }
    }
    Component {
        id: pageComponent
        ChatPage {
            anchors.fill: parent
        }
    }
    TestCase {
        id: testCase
        function conversation(props) {
            return createTemporaryObject(conversationComponent, root, props || {});
        }
        //! A page over a fresh session and `conversation` (a fresh one unless given; null for
        //! none).
        function make(conv) {
            const p = createTemporaryObject(pageComponent, root, {
                    "conversation": conv === undefined ? conversation() : conv,
                    "session": createTemporaryObject(sessionComponent, root)
                });
            verify(p);
            waitForRendering(p);
            return p;
        }
        function test_connectionBanner() {
            const p = make();
            const banner = findChild(p, "connectionBanner");
            verify(!banner.visible);
            p.session.connectionState = "offline";
            verify(banner.visible);
            compare(findChild(banner, "bannerText").text, "You're offline — messages will be sent when the connection returns");
            p.session.connectionState = "connecting";
            compare(findChild(banner, "bannerText").text, "Reconnecting…");
        }
        function test_membershipAlertBanner() {
            const p = make();
            const banner = findChild(p, "membershipAlertBanner");
            verify(!banner.visible);
            p.conversation.membershipAlert = "refused";
            verify(banner.visible);
            verify(findChild(banner, "membershipAlertText").text.indexOf("no member signed") >= 0);
            p.conversation.membershipAlert = "fork";
            verify(findChild(banner, "membershipAlertText").text.indexOf("paused sending keys") >= 0);
            mouseClick(findChild(banner, "membershipAlertDismiss"));
            compare(p.conversation.callsOf("dismissMembershipAlert").length, 1);
        }
        function test_draftsKeptPerConversation() {
            const first = conversation();
            const p = make(first);
            p.composer.textArea.forceActiveFocus();
            tryVerify(() => p.composer.textArea.activeFocus);
            keyClick("o");
            keyClick("k");
            compare(first.callsOf("setTyping"), [[true]]);
            const second = conversation({
                    "conversationId": 2,
                    "draft": "half a thought"
                });
            p.conversation = second;
            compare(first.draft, "ok", "leaving saves what was typed, to the conversation left");
            tryCompare(p.composer, "text", "half a thought");
            compare(first.callsOf("setTyping"), [[true], [false]], "typing(false) to the one left");
            compare(second.callsOf("setTyping"), [], "nothing for the restored draft");
            compare(second.draft, "half a thought");
        }
        function test_emptyPaneWithoutConversation() {
            const p = make(null);
            verify(findChild(p, "emptyPane").visible);
            verify(!findChild(p, "conversationPane").visible);
            p.conversation = conversation();
            verify(findChild(p, "conversationPane").visible);
        }
        function test_memberPanelFollowsWidthAndToggle() {
            const p = make();
            const panel = findChild(p, "memberPanel");
            const pane = findChild(p, "conversationPane");
            tryCompare(panel, "width", Theme.memberPanelWidth);
            compare(pane.x + pane.width, panel.x);
            root.width = 800;
            tryCompare(panel, "width", 0);
            compare(pane.x + pane.width, 800);
            root.width = 1200;
            tryCompare(panel, "width", Theme.memberPanelWidth);
            compare(pane.x + pane.width, 1200 - Theme.memberPanelWidth);
            mouseClick(findChild(p, "membersButton"));
            verify(!p.memberPanelVisible);
            tryCompare(panel, "width", 0);
            p.conversation.kind = "dm";
            p.memberPanelVisible = true;
            compare(panel.width, 0, "no member panel in a DM");
        }
        function test_actionsReachTheirObjects() {
            const p = make();
            const panel = findChild(p, "memberPanel");
            panel.addMemberRequested("dave");
            panel.removeMemberRequested("bob");
            panel.directMessageRequested("carol");
            panel.leaveRequested();
            p.timelineView.reactionToggled(101, "👍");
            p.timelineView.retryRequested(3);
            p.timelineView.loadOlderRequested();
            p.sidebar.activated(2);
            compare(p.conversation.callsOf("addMember"), [["dave"]]);
            compare(p.conversation.callsOf("removeMember"), [["bob"]]);
            compare(p.conversation.callsOf("leave").length, 1);
            compare(p.conversation.callsOf("react"), [[101, "👍"]]);
            compare(p.conversation.callsOf("retry"), [[3]]);
            compare(p.conversation.callsOf("loadOlder").length, 1);
            compare(p.session.callsOf("startDirectMessage"), [["carol"]]);
            compare(p.session.callsOf("openConversation"), [[2]]);
            p.timelineView.loadNewerRequested();
            p.timelineView.latestRequested();
            compare(p.conversation.callsOf("loadNewer").length, 1);
            compare(p.conversation.callsOf("showLatest").length, 1);
        }
        function test_searchInPlaceOfMembers() {
            const p = make();
            const members = findChild(p, "memberPanel");
            const search = findChild(p, "searchPanel");
            verify(members.visible);
            verify(!search.visible);
            p.openSearch(false);
            compare(p.session.search.scope, p.conversation.conversationId);
            verify(search.visible);
            verify(!members.visible, "the search takes the members' place");
            verify(search.field.activeFocus);
            // What the panel asks reaches the model, and a hit opens at its message.
            search.queryEdited("tomatoes");
            compare(p.session.search.query, "tomatoes");
            search.filterAdded("has:link");
            search.chipRemoved(0);
            search.relevanceToggled(true);
            compare(p.session.search.callsOf("addFilter"), [["has:link"]]);
            compare(p.session.search.callsOf("removeChip"), [[0]]);
            verify(p.session.search.relevance);
            search.resultActivated(2, 40);
            compare(p.session.callsOf("openConversationAt"), [[2, 40]]);
            p.openSearch(true);
            compare(p.session.search.scope, 0);
            p.closeSearch();
            verify(!search.visible);
            verify(members.visible);
        }
        function test_sendEditAndDelete() {
            const p = make();
            p.conversation.lastOwn = {
                "seq": 103,
                "text": "Amazing."
            };
            p.focusComposer();
            p.composer.textArea.forceActiveFocus();
            tryVerify(() => p.composer.textArea.activeFocus);
            keyClick(Qt.Key_Up);
            compare(p.composer.text, "Amazing.", "Up edits the last own message");
            keyClick(Qt.Key_Return);
            compare(p.conversation.callsOf("edit"), [[103, "Amazing."]]);
            keyClick("h");
            keyClick("i");
            keyClick(Qt.Key_Return);
            compare(p.conversation.callsOf("send"), [["hi"]]);
            p.timelineView.deleteRequested(103);
            const confirm = findChild(p, "confirmButton");
            tryVerify(() => confirm && confirm.visible);
            compare(p.conversation.callsOf("remove"), [], "asks first");
            mouseClick(confirm);
            compare(p.conversation.callsOf("remove"), [[103]]);
        }

        name: "ChatPage"
        when: windowShown
    }
}
