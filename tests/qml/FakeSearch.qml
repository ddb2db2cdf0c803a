// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick

//! App.search (SearchModel) for the view tests: its properties and functions by name, and its
//! rows (appended on completion). Every call is recorded in `calls` as [name, args...].
ListModel {
    id: search

    property bool busy: false
    property var calls: []
    property bool canLoadMore: false
    property var chips: []
    property string query
    property bool relevance: false
    property int scope: 0
    property string scopeTitle
    property string statusText

    function addFilter(filter) {
        record("addFilter", [filter]);
    }
    //! The arguments of every call to `name`, oldest first.
    function callsOf(name) {
        return calls.filter(c => c[0] === name).map(c => c.slice(1));
    }
    function hitAt(row) {
        const hit = get(row);
        return {
            "conversationId": hit.conversationId,
            "seq": hit.seq
        };
    }
    function loadMore() {
        record("loadMore", []);
    }
    function record(name, args) {
        calls = calls.concat([[name].concat(args)]);
    }
    function removeChip(index) {
        record("removeChip", [index]);
    }

    // why: not ListElements: `time` must be a date, as the model's role is.
    Component.onCompleted: {
        const mark = text => "<span style=\"background-color:#ffe8a8; color:#5a3e00; font-weight:600\">" + text + "</span>";
        append({
            "avatarColor": "#c2255c",
            "conversationId": 1,
            "conversationTitle": "Garden club",
            "groupTitle": "Garden club",
            "initials": "B",
            "senderName": "bob",
            "seq": 12,
            "snippet": "The " + mark("tomatoes") + " are ripe, and the basil is flowering. Who wants some for Saturday?",
            "threadRoot": 0,
            "time": new Date(2026, 11, 1, 10, 0)
        });
        append({
            "avatarColor": "#c2255c",
            "conversationId": 1,
            "conversationTitle": "Garden club",
            "groupTitle": "",
            "initials": "B",
            "senderName": "bob",
            "seq": 7,
            "snippet": "planting " + mark("tomatoes") + " next to the beans",
            "threadRoot": 0,
            "time": new Date(2026, 10, 2, 9, 15)
        });
        append({
            "avatarColor": "#2b8a3e",
            "conversationId": 2,
            "conversationTitle": "Book club",
            "groupTitle": "Book club",
            "initials": "C",
            "senderName": "carol",
            "seq": 40,
            "snippet": "Next month: Fried Green " + mark("Tomatoes") + " at the Whistle Stop Cafe",
            "threadRoot": 0,
            "time": new Date(2026, 10, 20, 18, 30)
        });
    }
}
