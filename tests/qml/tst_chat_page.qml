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
        id: pageComponent
        ChatPage {
            anchors.fill: parent
            conversationId: 1
            conversationTitle: "Garden club"
            conversations: fixtures.conversations
            hasConversation: true
            kind: "group"
            members: fixtures.members
            timeline: fixtures.timeline
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
        function make(props) {
            const p = createTemporaryObject(pageComponent, root, props || {});
            verify(p);
            waitForRendering(p);
            return p;
        }
        function spy(target, signalName) {
            return createTemporaryObject(spyComponent, root, {
                    "target": target,
                    "signalName": signalName
                });
        }
        function test_connectionBanner() {
            const p = make();
            const banner = findChild(p, "connectionBanner");
            verify(!banner.visible);
            p.connectionState = "offline";
            verify(banner.visible);
            compare(findChild(banner, "bannerText").text, "You're offline — messages will be sent when the connection returns");
            p.connectionState = "connecting";
            compare(findChild(banner, "bannerText").text, "Reconnecting…");
        }
        function test_membershipAlertBanner() {
            const p = make();
            const banner = findChild(p, "membershipAlertBanner");
            verify(!banner.visible);
            p.membershipAlert = "refused";
            verify(banner.visible);
            verify(findChild(banner, "membershipAlertText").text.indexOf("no member signed") >= 0);
            p.membershipAlert = "fork";
            verify(findChild(banner, "membershipAlertText").text.indexOf("paused sending keys") >= 0);
            const dismissed = spy(p, "membershipAlertDismissed");
            mouseClick(findChild(banner, "membershipAlertDismiss"));
            compare(dismissed.count, 1);
        }
        function test_draftsKeptPerConversation() {
            const p = make();
            const drafts = spy(p, "draftEdited");
            const typing = spy(p, "typingChanged");
            p.composer.textArea.forceActiveFocus();
            tryVerify(() => p.composer.textArea.activeFocus);
            keyClick("o");
            keyClick("k");
            compare(typing.count, 1);
            p.draft = "half a thought";
            p.conversationId = 2;
            compare(drafts.count, 1, "leaving saves what was typed");
            compare(drafts.signalArguments[0][0], 1);
            compare(drafts.signalArguments[0][1], "ok");
            tryCompare(p.composer, "text", "half a thought");
            compare(typing.count, 2, "typing(false) on leaving, nothing for the restored draft");
            compare(typing.signalArguments[1][0], false);
        }
        function test_emptyPaneWithoutConversation() {
            const p = make({
                    "hasConversation": false
                });
            verify(findChild(p, "emptyPane").visible);
            verify(!findChild(p, "conversationPane").visible);
            p.hasConversation = true;
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
            p.kind = "dm";
            p.memberPanelVisible = true;
            compare(panel.width, 0, "no member panel in a DM");
        }
        function test_sendEditAndDelete() {
            const p = make();
            const sent = spy(p, "sendRequested");
            const editLast = spy(p, "editLastRequested");
            const edited = spy(p, "editSubmitted");
            const removed = spy(p, "removeRequested");
            p.focusComposer();
            p.composer.textArea.forceActiveFocus();
            tryVerify(() => p.composer.textArea.activeFocus);
            keyClick(Qt.Key_Up);
            compare(editLast.count, 1);
            p.beginEdit(103, "Amazing.");
            keyClick(Qt.Key_Return);
            compare(edited.signalArguments[0][0], 103);
            keyClick("h");
            keyClick("i");
            keyClick(Qt.Key_Return);
            compare(sent.signalArguments[0][0], "hi");
            p.timelineView.deleteRequested(103);
            const confirm = findChild(p, "confirmButton");
            tryVerify(() => confirm && confirm.visible);
            compare(removed.count, 0, "asks first");
            mouseClick(confirm);
            compare(removed.count, 1);
            compare(removed.signalArguments[0][0], 103);
        }

        name: "ChatPage"
        when: windowShown
    }
}
