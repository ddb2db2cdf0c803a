// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick
import QtTest
import Hearth.Ui

// SearchPanel over a fake SearchModel: typing, chips, suggestions, order, opening a hit by
// click and by keyboard, grouping by conversation when searching everywhere.
Item {
    id: root
    height: 640
    width: 400

    Component {
        id: searchComponent
        FakeSearch {
        }
    }
    Component {
        id: panelComponent
        SearchPanel {
            anchors.fill: parent
        }
    }
    Component {
        id: spyComponent
        SignalSpy {
        }
    }
    TestCase {
        name: "SearchPanel"
        when: windowShown

        function makePanel(props) {
            const panel = createTemporaryObject(panelComponent, root, Object.assign({
                results: createTemporaryObject(searchComponent, root)
            }, props || {}));
            waitForRendering(panel);
            return panel;
        }
        function spy(target, signalName) {
            return createTemporaryObject(spyComponent, root, {
                target: target,
                signalName: signalName
            });
        }
        function test_typingReportsTheText() {
            const panel = makePanel();
            const edited = spy(panel, "queryEdited");
            panel.focusField();
            keyClick(Qt.Key_T);
            keyClick(Qt.Key_O);
            compare(edited.count, 2);
            compare(edited.signalArguments[1][0], "to");
            // The model's query (a chip removed, a filter added) shows in the field.
            panel.query = "has:link ";
            compare(panel.field.text, "has:link ");
        }
        function test_chipsRemoveTheirOperator() {
            const panel = makePanel({
                chips: [{
                        text: "from:bob",
                        understood: true
                    }, {
                        text: "has:file",
                        understood: false
                    }]
            });
            const removed = spy(panel, "chipRemoved");
            const chips = findChild(panel, "chips");
            verify(chips.visible);
            const second = chips.children[1];
            compare(second.text, "has:file");
            verify(second.problem);
            mouseClick(second);
            compare(removed.count, 1);
            compare(removed.signalArguments[0][0], 1);
        }
        function test_suggestionsAddFilters() {
            const panel = makePanel({
                query: "tomatoes mentions:me"
            });
            const added = spy(panel, "filterAdded");
            const suggestions = findChild(panel, "suggestions");
            const shown = [];
            for (let i = 0; i < suggestions.children.length; ++i) {
                const chip = suggestions.children[i];
                if (chip.visible && chip.text)
                    shown.push(chip.text);
            }
            // "Mentions me" is already in the query: not offered again.
            compare(shown.indexOf("Mentions me"), -1);
            verify(shown.indexOf("Has link") >= 0);
            mouseClick(suggestions.children[shown.indexOf("Has link")]);
            compare(added.count, 1);
            compare(added.signalArguments[0][0], "has:link");
        }
        function test_orderToggle() {
            const panel = makePanel();
            const toggled = spy(panel, "relevanceToggled");
            mouseClick(findChild(findChild(panel, "searchOrder"), "segment1"));
            compare(toggled.count, 1);
            compare(toggled.signalArguments[0][0], true);
        }
        function test_clickOpensTheHit() {
            const panel = makePanel();
            const opened = spy(panel, "resultActivated");
            const list = findChild(panel, "searchResults");
            tryCompare(list, "count", 3);
            mouseClick(list.itemAtIndex(2));
            compare(opened.count, 1);
            compare(opened.signalArguments[0][0], 2);
            compare(opened.signalArguments[0][1], 40);
        }
        function test_keyboardOpensTheHit() {
            const panel = makePanel();
            const opened = spy(panel, "resultActivated");
            panel.focusField();
            keyClick(Qt.Key_Down);
            keyClick(Qt.Key_Down);
            keyClick(Qt.Key_Return);
            compare(opened.count, 1);
            compare(opened.signalArguments[0][1], 7);
            keyClick(Qt.Key_Up);
            keyClick(Qt.Key_Return);
            compare(opened.signalArguments[1][1], 12);
        }
        function test_groupsByConversationEverywhere() {
            const panel = makePanel();
            const list = findChild(panel, "searchResults");
            tryCompare(list, "count", 3);
            // A heading above the first hit of each conversation (the model's groupTitle).
            const headings = [0, 1, 2].map(row => findChild(list.itemAtIndex(row), "groupHeading"));
            verify(headings[0].visible);
            compare(headings[0].text, "GARDEN CLUB");
            verify(!headings[1].visible);
            verify(headings[2].visible);
            compare(headings[2].text, "BOOK CLUB");
            panel.scopeTitle = "Garden club";
            waitForRendering(panel);
            // Scoped: the scope chip clears it, and "Jump to date" is offered.
            const cleared = spy(panel, "scopeCleared");
            const scope = findChild(panel, "scopeChip");
            verify(scope.visible);
            mouseClick(scope);
            compare(cleared.count, 1);
            verify(findChild(panel, "jumpToDate").visible);
        }
        function test_status() {
            const panel = makePanel({
                statusText: "2 messages"
            });
            const status = findChild(panel, "searchStatus");
            compare(status.text, "2 messages");
            panel.busy = true;
            compare(status.text, "Searching…");
        }
    }
}
