// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick

//! ChatPage's `session` for the view tests: the names it uses of AppController
//! (app/README.md). Every call is recorded in `calls` as [name, args...].
QtObject {
    id: session

    property var calls: []
    property string connectionState: "online"
    property var conversations: null
    property QtObject deviceTrust: QtObject {
        property var conflicts: []

        function dismissConflict(name) {
            session.record("dismissConflict", [name]);
        }
    }
    property FakeSearch search: FakeSearch {
    }
    property color userColor: "#5c7cfa"
    property string userInitials: "A"
    property string userName: "alice"

    //! The arguments of every call to `name`, oldest first.
    function callsOf(name) {
        return calls.filter(c => c[0] === name).map(c => c.slice(1));
    }
    function openConversation(id) {
        record("openConversation", [id]);
    }
    function openConversationAt(id, seq) {
        record("openConversationAt", [id, seq]);
    }
    function record(name, args) {
        calls = calls.concat([[name].concat(args)]);
    }
    function startDirectMessage(name) {
        record("startDirectMessage", [name]);
    }
}
