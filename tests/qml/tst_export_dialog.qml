// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Hearth.Ui

Item {
    id: root
    height: 700
    width: 900

    Component {
        id: exportComponent
        ExportDialog {
            conversationTitle: "Book club"
        }
    }
    Component {
        id: conversationSettingsComponent
        ConversationSettings {
            conversationTitle: "Book club"
        }
    }
    Component {
        id: settingsComponent
        SettingsDialog {
            userName: "alice"
        }
    }
    Component {
        id: spyComponent
        SignalSpy {
        }
    }
    TestCase {
        function openDialog(properties) {
            const d = createTemporaryObject(exportComponent, root, properties || {});
            verify(d);
            d.open();
            tryVerify(() => d.opened);
            return d;
        }
        function spy(target, signalName) {
            return createTemporaryObject(spyComponent, root, {
                    "target": target,
                    "signalName": signalName
                });
        }
        function test_accountMode() {
            const d = openDialog({
                    "account": true
                });
            const requested = spy(d, "accountExportRequested");
            verify(!findChild(d.contentItem, "formatSwitch").visible);
            verify(!findChild(d.contentItem, "fromField").visible);
            compare(d.suggestedName(), "hearth-account.json");
            d.exportTo("file:///tmp/account.json");
            compare(requested.count, 1);
            compare(requested.signalArguments[0][0], "file:///tmp/account.json");
        }
        function test_badDatesBlockTheExport() {
            const d = openDialog();
            const from = findChild(d.contentItem, "fromField");
            const button = findChild(d.contentItem, "exportButton");
            from.text = "01/02/2026";
            verify(!button.enabled);
            compare(d.validationText, "Write dates as YYYY-MM-DD, or leave them empty.");
            from.text = "2026-02-30";
            verify(!button.enabled);
            from.text = "2026-03-01";
            findChild(d.contentItem, "toField").text = "2026-02-01";
            compare(d.validationText, "The start date is after the end date.");
            verify(!button.enabled);
            from.text = "";
            compare(d.validationText, "");
            verify(button.enabled);
        }
        // Where the dialog is opened from: the conversation's settings and the account settings.
        function test_entryPoints() {
            const c = createTemporaryObject(conversationSettingsComponent, root);
            c.open();
            tryVerify(() => c.opened);
            const fromConversation = spy(c, "exportRequested");
            mouseClick(findChild(c.contentItem, "exportButton"));
            compare(fromConversation.count, 1);
            c.close();
            const s = createTemporaryObject(settingsComponent, root);
            s.open();
            tryVerify(() => s.opened);
            const fromSettings = spy(s, "accountExportRequested");
            mouseClick(findChild(s.contentItem, "exportAccountButton"));
            compare(fromSettings.count, 1);
        }
        function test_exportButtonOpensTheFileDialog() {
            const d = openDialog();
            mouseClick(findChild(d.contentItem, "exportButton"));
            const files = findChild(d, "fileDialog");
            verify(files);
            tryVerify(() => files.visible);
            compare(files.fileMode, 2); // FileDialog.SaveFile
            files.close();
        }
        function test_exportRequestCarriesTheChoices() {
            const d = openDialog();
            const requested = spy(d, "exportRequested");
            compare(d.format, "html");
            compare(d.suggestedName(), "Book club.html");
            mouseClick(findChild(d.contentItem, "segment1"));
            compare(d.format, "json");
            compare(d.suggestedName(), "Book club.json");
            findChild(d.contentItem, "fromField").text = "2026-01-01";
            findChild(d.contentItem, "toField").text = " 2026-01-31 ";
            verify(findChild(d.contentItem, "exportButton").enabled);
            d.exportTo("file:///tmp/book.json");
            compare(requested.count, 1);
            compare(requested.signalArguments[0][0], "json");
            compare(requested.signalArguments[0][1], "file:///tmp/book.json");
            compare(requested.signalArguments[0][2], "2026-01-01");
            compare(requested.signalArguments[0][3], "2026-01-31");
        }
        function test_progressAndCancel() {
            const d = openDialog();
            const cancelled = spy(d, "cancelRequested");
            d.exportTo("file:///tmp/book.html");
            d.running = true;
            d.progress = 0.42;
            const bar = findChild(d.contentItem, "progressBar");
            verify(bar.visible);
            compare(findChild(d.contentItem, "statusText").text, "Exporting… 42%");
            verify(!findChild(d.contentItem, "exportButton").enabled);
            keyClick(Qt.Key_Escape);
            verify(d.opened, "stays open while running");
            mouseClick(findChild(d.contentItem, "cancelButton"));
            compare(cancelled.count, 1);
            d.running = false;
            d.lastFile = "/tmp/book.html";
            verify(!bar.visible);
            compare(findChild(d.contentItem, "statusText").text, "Saved to /tmp/book.html");
            d.errorText = "The file could not be written (disk full).";
            compare(findChild(d.contentItem, "statusText").text, d.errorText);
            mouseClick(findChild(d.contentItem, "cancelButton"));
            tryVerify(() => !d.visible);
        }

        name: "ExportDialog"
        when: windowShown
    }
}
