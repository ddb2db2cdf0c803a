// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth.Ui

//! Settings with a section list on the left: Profile (with the account export), Privacy,
//! Notifications, Appearance, Devices. Shows values as properties and reports each change as a
//! signal.
AppDialog {
    id: root

    //! list of {deviceId, name, fingerprint, current, approved}.
    property var devices: []
    //! "everyone", "shared" or "nobody".
    property string messagePolicy: "everyone"
    property bool notificationPreviews: true
    property bool notificationsEnabled: true
    property bool readReceipts: true
    property int section: 0
    //! "system", "light" or "dark".
    property string theme: "system"
    property color userColor: Theme.accent
    property string userInitials: userName.substring(0, 1)
    property string userName

    signal accountExportRequested
    signal messagePolicyChangeRequested(string policy)
    signal notificationPreviewsChangeRequested(bool enabled)
    signal notificationsEnabledChangeRequested(bool enabled)
    signal readReceiptsChangeRequested(bool enabled)
    signal themeChangeRequested(string theme)

    height: Math.min(520, (parent ? parent.height : 520) - 2 * Theme.spacingXl)
    title: qsTr("Settings")
    width: Math.min(720, (parent ? parent.width : 720) - 2 * Theme.spacingXl)

    RowLayout {
        Layout.fillHeight: true
        Layout.fillWidth: true
        spacing: Theme.spacingXl

        ListView {
            id: sections
            Layout.fillHeight: true
            Layout.preferredWidth: 160
            currentIndex: root.section
            interactive: false
            model: [qsTr("Profile"), qsTr("Privacy"), qsTr("Notifications"), qsTr("Appearance"), qsTr("Devices")]
            objectName: "sections"
            spacing: 2

            delegate: AbstractButton {
                id: sectionButton

                required property int index
                required property string modelData

                hoverEnabled: true
                implicitHeight: 34
                width: ListView.view.width

                background: Rectangle {
                    color: sectionButton.ListView.isCurrentItem ? Theme.selected : sectionButton.hovered ? Theme.hover : "transparent"
                    radius: Theme.radiusM
                }
                contentItem: Text {
                    color: Theme.text
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontBody
                    font.weight: sectionButton.ListView.isCurrentItem ? Font.DemiBold : Font.Normal
                    leftPadding: Theme.spacingM
                    text: sectionButton.modelData
                    verticalAlignment: Text.AlignVCenter
                }

                onClicked: root.section = index
            }
        }
        StackLayout {
            Layout.fillHeight: true
            Layout.fillWidth: true
            currentIndex: root.section

            // Profile
            ColumnLayout {
                spacing: Theme.spacingM

                RowLayout {
                    spacing: Theme.spacingL

                    Avatar {
                        color: root.userColor
                        initials: root.userInitials
                        size: 56
                    }
                    ColumnLayout {
                        spacing: 2

                        Text {
                            color: Theme.text
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.fontTitle
                            font.weight: Font.Bold
                            text: root.userName
                        }
                        Text {
                            color: Theme.textSecondary
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.fontSmall
                            text: qsTr("Your user name is how people find you.")
                        }
                    }
                }
                FieldLabel {
                    Layout.topMargin: Theme.spacingL
                    text: qsTr("Your data")
                }
                Text {
                    Layout.fillWidth: true
                    color: Theme.textSecondary
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    text: qsTr("Save your account, devices, settings and every conversation as one file, to keep or to take elsewhere. No keys are included.")
                    wrapMode: Text.Wrap
                }
                AppButton {
                    objectName: "exportAccountButton"
                    text: qsTr("Export your account…")
                    variant: "secondary"

                    onClicked: root.accountExportRequested()
                }
                Item {
                    Layout.fillHeight: true
                }
            }

            // Privacy
            ColumnLayout {
                spacing: Theme.spacingM

                SettingSwitch {
                    Layout.fillWidth: true
                    checked: root.readReceipts
                    description: qsTr("When off, others don't see when you've read their messages.")
                    label: qsTr("Send read receipts")
                    objectName: "readReceiptsSwitch"

                    onToggled: value => root.readReceiptsChangeRequested(value)
                }
                FieldLabel {
                    Layout.topMargin: Theme.spacingS
                    text: qsTr("Who can message me")
                }
                Repeater {
                    model: [{
                            "value": "everyone",
                            "label": qsTr("Everyone")
                        }, {
                            "value": "shared",
                            "label": qsTr("People I share a conversation with")
                        }, {
                            "value": "nobody",
                            "label": qsTr("Nobody")
                        }]

                    AppRadioButton {
                        required property var modelData

                        checked: root.messagePolicy === modelData.value
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontBody
                        objectName: "policy_" + modelData.value
                        text: modelData.label

                        onClicked: {
                            root.messagePolicyChangeRequested(modelData.value);
                            checked = Qt.binding(() => root.messagePolicy === modelData.value);
                        }
                    }
                }
                Text {
                    Layout.fillWidth: true
                    color: Theme.textMuted
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    text: qsTr("The relay enforces this: messages from others are refused before they reach you.")
                    wrapMode: Text.Wrap
                }
                Item {
                    Layout.fillHeight: true
                }
            }

            // Notifications
            ColumnLayout {
                spacing: Theme.spacingM

                SettingSwitch {
                    Layout.fillWidth: true
                    checked: root.notificationsEnabled
                    description: qsTr("When Hearth's window isn't focused.")
                    label: qsTr("Desktop notifications")
                    objectName: "notificationsSwitch"

                    onToggled: value => root.notificationsEnabledChangeRequested(value)
                }
                SettingSwitch {
                    Layout.fillWidth: true
                    checked: root.notificationPreviews
                    description: qsTr("When off, notifications only say who wrote.")
                    enabled: root.notificationsEnabled
                    label: qsTr("Show message previews")
                    objectName: "previewsSwitch"

                    onToggled: value => root.notificationPreviewsChangeRequested(value)
                }
                Item {
                    Layout.fillHeight: true
                }
            }

            // Appearance
            ColumnLayout {
                spacing: Theme.spacingM

                FieldLabel {
                    text: qsTr("Theme")
                }
                SegmentedControl {
                    Layout.preferredWidth: 320
                    currentIndex: root.theme === "light" ? 1 : root.theme === "dark" ? 2 : 0
                    objectName: "themeSwitch"
                    options: [qsTr("System"), qsTr("Light"), qsTr("Dark")]

                    onActivated: index => root.themeChangeRequested(["system", "light", "dark"][index])
                }
                Item {
                    Layout.fillHeight: true
                }
            }

            // Devices
            ColumnLayout {
                spacing: Theme.spacingS

                Text {
                    Layout.fillWidth: true
                    color: Theme.textSecondary
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    text: qsTr("Devices signed in to your account. Compare fingerprints with another device to be sure it's yours.")
                    wrapMode: Text.Wrap
                }
                ListView {
                    Layout.fillHeight: true
                    Layout.fillWidth: true
                    clip: true
                    model: root.devices
                    objectName: "deviceList"
                    spacing: Theme.spacingS

                    delegate: Rectangle {
                        id: device

                        required property var modelData

                        color: Theme.sunken
                        implicitHeight: deviceColumn.implicitHeight + 2 * Theme.spacingM
                        radius: Theme.radiusM
                        width: ListView.view.width

                        ColumnLayout {
                            id: deviceColumn
                            anchors.fill: parent
                            anchors.margins: Theme.spacingM
                            spacing: 4

                            RowLayout {
                                Layout.fillWidth: true

                                Text {
                                    Layout.fillWidth: true
                                    color: Theme.text
                                    elide: Text.ElideRight
                                    font.family: Theme.fontFamily
                                    font.pixelSize: Theme.fontBody
                                    font.weight: Font.DemiBold
                                    text: device.modelData.name || device.modelData.deviceId
                                }
                                Text {
                                    color: device.modelData.current ? Theme.link : Theme.danger
                                    font.family: Theme.fontFamily
                                    font.pixelSize: Theme.fontTiny
                                    font.weight: Font.Bold
                                    text: device.modelData.current ? qsTr("This device") : qsTr("Not approved")
                                    visible: device.modelData.current === true || device.modelData.approved === false
                                }
                            }
                            Text {
                                Layout.fillWidth: true
                                color: Theme.textSecondary
                                font.family: Theme.monoFamily
                                font.pixelSize: Theme.fontSmall
                                objectName: "fingerprint"
                                text: Format.groupFingerprint(device.modelData.fingerprint)
                                wrapMode: Text.Wrap
                            }
                        }
                    }
                }
            }
        }
    }
}
