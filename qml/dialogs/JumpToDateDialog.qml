// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth.Ui

//! "Jump to date": a month calendar (or a typed YYYY-MM-DD); the timeline then shows the first
//! message of that day or after it.
AppDialog {
    id: root

    //! The day picked, shown selected (today on opening).
    property date day: new Date()
    readonly property bool typedValid: !isNaN(Date.parse(typed.text)) && /^\d{4}-\d{2}-\d{2}$/.test(typed.text)

    signal dateChosen(date day)

    function choose(d) {
        root.dateChosen(d);
        root.close();
    }

    title: qsTr("Jump to date")
    width: Math.min(360, (parent ? parent.width : 360) - 2 * Theme.spacingXl)

    onAboutToShow: {
        day = new Date();
        grid.month = day.getMonth();
        grid.year = day.getFullYear();
        typed.text = Qt.formatDate(day, "yyyy-MM-dd");
    }

    RowLayout {
        Layout.fillWidth: true

        IconButton {
            iconName: "back"
            objectName: "previousMonth"
            toolTip: qsTr("Previous month")

            onClicked: {
                if (grid.month === 0) {
                    grid.month = 11;
                    grid.year -= 1;
                } else {
                    grid.month -= 1;
                }
            }
        }
        Text {
            Layout.fillWidth: true
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontLarge
            font.weight: Font.DemiBold
            horizontalAlignment: Text.AlignHCenter
            text: grid.title
        }
        IconButton {
            iconName: "forward"
            objectName: "nextMonth"
            toolTip: qsTr("Next month")

            onClicked: {
                if (grid.month === 11) {
                    grid.month = 0;
                    grid.year += 1;
                } else {
                    grid.month += 1;
                }
            }
        }
    }
    DayOfWeekRow {
        Layout.fillWidth: true

        delegate: Text {
            required property string shortName

            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontTiny
            horizontalAlignment: Text.AlignHCenter
            text: shortName
        }
    }
    MonthGrid {
        id: grid
        Layout.fillWidth: true
        objectName: "monthGrid"

        delegate: Rectangle {
            required property var model

            readonly property bool picked: model.day === root.day.getDate() && model.month === root.day.getMonth() && model.year === root.day.getFullYear()

            color: picked ? Theme.accent : dayArea.containsMouse ? Theme.hover : "transparent"
            implicitHeight: 32
            // why: MonthGrid places its cells but does not size them.
            implicitWidth: (grid.availableWidth - 6 * grid.spacing) / 7
            opacity: model.month === grid.month ? 1 : 0.4
            radius: Theme.radiusS

            Text {
                anchors.centerIn: parent
                color: parent.picked ? Theme.accentText : Theme.text
                font.bold: parent.model.today
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                text: parent.model.day
            }
            MouseArea {
                id: dayArea
                anchors.fill: parent
                hoverEnabled: true

                onClicked: root.choose(parent.model.date)
            }
        }
    }
    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacingS

        AppTextField {
            id: typed
            Layout.fillWidth: true
            error: text !== "" && !root.typedValid
            objectName: "dateField"
            placeholderText: "YYYY-MM-DD"

            onAccepted: if (root.typedValid)
                root.choose(Date.fromLocaleDateString(Qt.locale(), text, "yyyy-MM-dd"))
        }
        AppButton {
            enabled: root.typedValid
            objectName: "jumpButton"
            text: qsTr("Jump")

            onClicked: root.choose(Date.fromLocaleDateString(Qt.locale(), typed.text, "yyyy-MM-dd"))
        }
    }
}
