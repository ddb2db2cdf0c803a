// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Hearth.Ui

Item {
    id: root
    height: 300
    width: 600

    TestCase {
        id: testCase
        function makeComposer(props) {
            const composer = createTemporaryObject(composerComponent, root, props || {});
            verify(composer);
            if (composer.canPost) {
                composer.textArea.forceActiveFocus();
                tryVerify(() => composer.textArea.activeFocus);
            }
            return composer;
        }
        function spy(target, signalName) {
            return createTemporaryObject(spyComponent, root, {
                    "target": target,
                    "signalName": signalName
                });
        }
        function test_disabledWhenCannotPost() {
            const composer = makeComposer({
                    "canPost": false
                });
            const sent = spy(composer, "sendRequested");
            verify(!composer.textArea.enabled);
            const explanation = findChild(composer, "disabledText");
            verify(explanation.visible);
            verify(explanation.text.indexOf("owners and admins") >= 0);
            composer.text = "sneaky";
            composer.submit();
            compare(sent.count, 0);
        }
        function test_editModeSubmitsAndEscCancels() {
            const composer = makeComposer();
            const submitted = spy(composer, "editSubmitted");
            const sent = spy(composer, "sendRequested");
            const cancelled = spy(composer, "editCancelled");
            composer.beginEdit(42, "old text");
            verify(composer.editing);
            const banner = findChild(composer, "editBanner");
            verify(banner.visible);
            compare(composer.text, "old text");
            type("!");
            keyClick(Qt.Key_Return);
            compare(submitted.count, 1);
            compare(submitted.signalArguments[0][0], 42);
            compare(submitted.signalArguments[0][1], "old text!");
            compare(sent.count, 0);
            verify(!composer.editing);
            composer.beginEdit(7, "again");
            keyClick(Qt.Key_Escape);
            verify(!composer.editing);
            compare(composer.text, "");
            compare(cancelled.count, 1);
        }
        function test_enterOnBlankSendsNothing() {
            const composer = makeComposer();
            const sent = spy(composer, "sendRequested");
            type("   ");
            keyClick(Qt.Key_Return);
            compare(sent.count, 0);
        }
        function test_enterSendsAndClears() {
            const composer = makeComposer();
            const sent = spy(composer, "sendRequested");
            type("hello");
            compare(composer.text, "hello");
            keyClick(Qt.Key_Return);
            compare(sent.count, 1);
            compare(sent.signalArguments[0][0], "hello");
            compare(composer.text, "");
        }
        function test_placeholderNamesTheConversation() {
            const composer = makeComposer();
            compare(composer.textArea.placeholderText, "Message Garden club");
        }
        function test_shiftEnterInsertsNewline() {
            const composer = makeComposer();
            const sent = spy(composer, "sendRequested");
            type("a");
            keyClick(Qt.Key_Return, Qt.ShiftModifier);
            type("b");
            compare(sent.count, 0);
            compare(composer.text, "a\nb");
            keyClick(Qt.Key_Enter);
            compare(sent.count, 1);
            compare(sent.signalArguments[0][0], "a\nb");
        }
        function test_typingIsDebounced() {
            const composer = makeComposer({
                    "typingTimeout": 150
                });
            const typing = spy(composer, "typing");
            type("hel");
            compare(typing.count, 1, "one typing(true) for a burst of keys");
            compare(typing.signalArguments[0][0], true);
            tryCompare(typing, "count", 2);
            compare(typing.signalArguments[1][0], false);
            type("x");
            compare(typing.count, 3);
            keyClick(Qt.Key_Return);
            compare(typing.count, 4, "sending stops typing at once");
            compare(typing.signalArguments[3][0], false);
        }
        function test_upOnEmptyAsksToEditLast() {
            const composer = makeComposer();
            const editLast = spy(composer, "editLastRequested");
            keyClick(Qt.Key_Up);
            compare(editLast.count, 1);
            type("x");
            keyClick(Qt.Key_Up);
            compare(editLast.count, 1, "Up moves the cursor when there is text");
        }
        function type(text) {
            for (const ch of text)
                keyClick(ch);
        }

        name: "Composer"
        when: windowShown

        Component {
            id: composerComponent
            Composer {
                conversationTitle: "Garden club"
                width: 600
            }
        }
        Component {
            id: spyComponent
            SignalSpy {
            }
        }
    }
}
