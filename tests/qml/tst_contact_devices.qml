// SPDX-License-Identifier: GPL-3.0-or-later
// A contact whose signed devices changed: the member row says so and opens the details; the
// details show the devices with fingerprints and the "devices changed" notice until it is
// acknowledged; the banner about conflicting device lists names the account and is dismissed
// only by the member.
import QtQuick
import QtTest
import Hearth.Ui

Item {
    id: root
    height: 700
    width: 600

    ListModel {
        id: members
        ListElement {
            avatarColor: "#c2410c"
            devicesChanged: true
            initials: "AL"
            isSelf: false
            presence: "online"
            role: "member"
            userName: "alice"
        }
        ListElement {
            avatarColor: "#6d28d9"
            devicesChanged: false
            initials: "BO"
            isSelf: false
            presence: "offline"
            role: "member"
            userName: "bob"
        }
    }
    Component {
        id: panelComponent
        MemberPanel {
            height: root.height
            model: members
            width: 300
        }
    }
    Component {
        id: dialogComponent
        ContactDevicesDialog {
            accountFingerprint: "123451234512345123451234512345"
            devices: [{
                    "deviceId": 4,
                    "fingerprint": "aaaabbbbccccdddd",
                    "blocked": false
                }, {
                    "deviceId": 9,
                    "fingerprint": "eeeeffff00001111",
                    "blocked": false
                }]
            devicesChanged: true
            signedAt: new Date(2026, 11, 7, 10, 30)
            userName: "alice"
        }
    }
    Component {
        id: bannerComponent
        DeviceConflictBanner {
            users: ["mallory"]
            width: root.width
        }
    }
    Component {
        id: spyComponent
        SignalSpy {
        }
    }
    TestCase {
        function childrenNamed(item, name, out) {
            for (let i = 0; i < item.children.length; ++i) {
                const child = item.children[i];
                if (child.objectName === name)
                    out.push(child);
                childrenNamed(child, name, out);
            }
            return out;
        }
        function delegateOf(panel, userName) {
            const list = findChild(panel, "memberList");
            for (let row = 0; row < list.count; ++row) {
                const item = list.itemAtIndex(row);
                if (item && item.userName === userName)
                    return item;
            }
            return null;
        }
        function spy(target, signalName) {
            return createTemporaryObject(spyComponent, root, {
                    "target": target,
                    "signalName": signalName
                });
        }
        function test_conflictBannerNamesTheAccount() {
            const banner = createTemporaryObject(bannerComponent, root);
            waitForRendering(banner);
            verify(banner.visible);
            const text = findChild(banner, "conflictText");
            verify(text.text.indexOf("mallory") >= 0, text.text);
            const dismissed = spy(banner, "dismissRequested");
            mouseClick(findChild(banner, "dismissConflictButton"));
            compare(dismissed.count, 1);
            compare(dismissed.signalArguments[0][0], "mallory");
            banner.users = [];
            verify(!banner.visible);
        }
        function test_detailsShowDevicesAndNotice() {
            const d = createTemporaryObject(dialogComponent, root);
            d.open();
            tryVerify(() => d.opened);
            compare(d.title, "alice's devices");
            const notice = findChild(d.contentItem, "devicesChangedNotice");
            verify(notice.visible);
            compare(findChild(d.contentItem, "devicesChangedText").text, "alice's devices changed");
            const devices = childrenNamed(d.contentItem, "contactDevice", []);
            compare(devices.length, 2);
            const prints = childrenNamed(d.contentItem, "fingerprint", []).map(t => t.text);
            compare(prints, ["aaaa bbbb cccc dddd", "eeee ffff 0000 1111"]);
            verify(findChild(d.contentItem, "signedAtText").text.indexOf("2026") >= 0);
            const acknowledged = spy(d, "acknowledgeRequested");
            mouseClick(findChild(d.contentItem, "acknowledgeButton"));
            compare(acknowledged.count, 1);
            d.devicesChanged = false; // what the controller reports once the store has it
            verify(!notice.visible);
        }
        function test_legacyListHasNoDate() {
            const d = createTemporaryObject(dialogComponent, root, {
                    "signedAt": new Date(NaN),
                    "devicesChanged": false
                });
            d.open();
            tryVerify(() => d.opened);
            compare(findChild(d.contentItem, "signedAtText").text, "Device list signed by alice's account.");
            verify(!findChild(d.contentItem, "devicesChangedNotice").visible);
        }
        function test_memberRowSaysDevicesChanged() {
            const panel = createTemporaryObject(panelComponent, root);
            waitForRendering(panel);
            const details = spy(panel, "detailsRequested");
            const alice = delegateOf(panel, "alice");
            const bob = delegateOf(panel, "bob");
            verify(alice && bob);
            verify(findChild(alice, "devicesChangedNote").visible);
            verify(!findChild(bob, "devicesChangedNote").visible);
            mouseClick(alice, 60, alice.height / 2);
            compare(details.count, 1);
            compare(details.signalArguments[0][0], "alice");
        }

        name: "ContactDevices"
        when: windowShown
    }
}
