// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Hearth.Ui

Item {
    id: root
    height: 600
    width: 300

    ListModel {
        id: members
        ListElement {
            userName: "alice"
            role: "owner"
            presence: "online"
            avatarColor: "#c2410c"
            initials: "AL"
            isSelf: false
        }
        ListElement {
            userName: "sam"
            role: "member"
            presence: "online"
            avatarColor: "#6d28d9"
            initials: "SA"
            isSelf: true
        }
    }
    Component {
        id: panelComponent
        MemberPanel {
            anchors.fill: parent
            model: members
        }
    }
    Component {
        id: spyComponent
        SignalSpy {
        }
    }
    TestCase {
        name: "MemberPanel"
        when: windowShown

        function delegateOf(panel, userName) {
            const list = findChild(panel, "memberList");
            for (let row = 0; row < list.count; ++row) {
                const item = list.itemAtIndex(row);
                if (item && item.userName === userName)
                    return item;
            }
            return null;
        }
        function test_messageAMember() {
            const panel = createTemporaryObject(panelComponent, root);
            waitForRendering(panel);
            const spy = createTemporaryObject(spyComponent, root, {
                target: panel,
                signalName: "directMessageRequested"
            });
            const alice = delegateOf(panel, "alice");
            verify(alice, "alice is listed");
            mouseMove(alice, alice.width / 2, alice.height / 2);
            const button = findChild(alice, "messageButton");
            tryVerify(() => button.visible, 2000, "the action shows on hover");
            mouseClick(button);
            compare(spy.count, 1);
            compare(spy.signalArguments[0][0], "alice");
            // No "message yourself".
            const self = delegateOf(panel, "sam");
            mouseMove(self, self.width / 2, self.height / 2);
            verify(!findChild(self, "messageButton").visible);
        }
    }
}
