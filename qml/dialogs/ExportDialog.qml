// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Hearth.Ui

//! Export a conversation's transcript (HTML or JSON, optionally between two dates) or, with
//! `account`, the whole account as a JSON archive. Shows the export's state as properties
//! (App.exporter's) and reports what the member asks for as signals; the file is chosen with
//! the system's save dialog.
AppDialog {
    id: root

    //! True: the whole account (JSON only, no dates); false: the conversation.
    property bool account: false
    property string conversationTitle
    property string errorText
    readonly property string format: formatIndex === 0 ? "html" : "json"
    //! 0: HTML, 1: JSON.
    property int formatIndex: 0
    //! The file the last completed export wrote.
    property string lastFile
    //! 0..1 while running.
    property real progress: 0
    property bool running: false
    //! Set once this dialog started an export, so an older `lastFile` is not shown as its result.
    property bool started: false
    readonly property string validationText: {
        const from = fromField.text.trim();
        const to = toField.text.trim();
        if (!validDate(from) || !validDate(to))
            return qsTr("Write dates as YYYY-MM-DD, or leave them empty.");
        if (from !== "" && to !== "" && from > to)
            return qsTr("The start date is after the end date.");
        return "";
    }

    signal accountExportRequested(url file)
    signal cancelRequested
    signal exportRequested(string format, url file, string from, string to)

    //! Starts the export into `file` with the choices made (what the file dialog calls).
    function exportTo(file) {
        started = true;
        if (account)
            root.accountExportRequested(file);
        else
            root.exportRequested(format, file, fromField.text.trim(), toField.text.trim());
    }
    function reset() {
        started = false;
        fromField.text = "";
        toField.text = "";
    }
    function suggestedName() {
        if (account)
            return "hearth-account.json";
        const base = conversationTitle.replace(/[\/\\:*?"<>|]+/g, " ").trim() || "conversation";
        return base + (formatIndex === 0 ? ".html" : ".json");
    }
    function validDate(text) {
        if (text === "")
            return true;
        if (!/^\d{4}-\d{2}-\d{2}$/.test(text))
            return false;
        const d = new Date(text + "T00:00:00"); // local midnight
        return !isNaN(d.getTime()) && Qt.formatDate(d, "yyyy-MM-dd") === text; // no 2025-02-30
    }

    closePolicy: running ? Popup.NoAutoClose : Popup.CloseOnEscape | Popup.CloseOnPressOutside
    title: account ? qsTr("Export your account") : qsTr("Export conversation")

    onAboutToShow: reset()

    Text {
        Layout.fillWidth: true
        color: Theme.textSecondary
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        text: root.account ? qsTr("Everything this device holds for your account, as one JSON file: your devices, settings, and every conversation with its messages. No keys are included.") : qsTr("Save “%1” as a file. Messages are decrypted into it: keep it somewhere safe.").arg(root.conversationTitle)
        wrapMode: Text.Wrap
    }
    SegmentedControl {
        Layout.fillWidth: true
        currentIndex: root.formatIndex
        enabled: !root.running
        objectName: "formatSwitch"
        options: [qsTr("HTML page"), qsTr("JSON data")]
        visible: !root.account

        onActivated: index => root.formatIndex = index
    }
    Text {
        Layout.fillWidth: true
        color: Theme.textMuted
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        text: root.formatIndex === 0 ? qsTr("A page to read or print in any browser, offline.") : qsTr("Every event with its fields, for scripts and other apps.")
        visible: !root.account
        wrapMode: Text.Wrap
    }
    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacingM
        visible: !root.account

        FormField {
            id: fromField
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            enabled: !root.running
            error: root.validDate(text.trim()) ? "" : qsTr("YYYY-MM-DD")
            label: qsTr("From (optional)")
            objectName: "fromField"
            placeholderText: qsTr("YYYY-MM-DD")
        }
        FormField {
            id: toField
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            enabled: !root.running
            error: root.validDate(text.trim()) ? "" : qsTr("YYYY-MM-DD")
            label: qsTr("To (optional)")
            objectName: "toField"
            placeholderText: qsTr("YYYY-MM-DD")
        }
    }

    // Progress while running; the outcome afterwards.
    Rectangle {
        Layout.fillWidth: true
        color: Theme.sunken
        implicitHeight: 6
        objectName: "progressBar"
        radius: 3
        visible: root.running

        Rectangle {
            color: Theme.accent
            height: parent.height
            radius: 3
            width: parent.width * Math.max(0, Math.min(1, root.progress))
        }
    }
    Text {
        Layout.fillWidth: true
        color: root.errorText !== "" || root.validationText !== "" ? Theme.danger : Theme.textSecondary
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        objectName: "statusText"
        text: {
            if (root.running)
                return qsTr("Exporting… %1%").arg(Math.floor(root.progress * 100));
            if (root.validationText !== "")
                return root.validationText;
            if (root.errorText !== "")
                return root.errorText;
            if (root.started && root.lastFile !== "")
                return qsTr("Saved to %1").arg(root.lastFile);
            return "";
        }
        visible: text !== ""
        wrapMode: Text.WrapAnywhere
    }
    RowLayout {
        Layout.fillWidth: true
        Layout.topMargin: Theme.spacingS
        spacing: Theme.spacingS

        Item {
            Layout.fillWidth: true
        }
        AppButton {
            objectName: "cancelButton"
            text: root.running ? qsTr("Cancel export") : qsTr("Close")
            variant: "secondary"

            onClicked: root.running ? root.cancelRequested() : root.close()
        }
        AppButton {
            enabled: !root.running && root.validationText === ""
            objectName: "exportButton"
            text: qsTr("Export…")

            onClicked: fileDialog.open()
        }
    }
    FileDialog {
        id: fileDialog
        defaultSuffix: root.account || root.formatIndex === 1 ? "json" : "html"
        fileMode: FileDialog.SaveFile
        objectName: "fileDialog"
        nameFilters: root.account || root.formatIndex === 1 ? [qsTr("JSON files (*.json)")] : [qsTr("HTML pages (*.html *.htm)")]
        // why: a bare name: the dialog offers it in the folder it opens (Qt 6.4 has no QtCore
        // StandardPaths in this build to pick Documents).
        selectedFile: root.suggestedName()
        title: root.title

        onAccepted: root.exportTo(selectedFile)
    }
}
