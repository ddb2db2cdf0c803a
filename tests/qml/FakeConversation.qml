// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick

//! ChatPage's `conversation` for the view tests: ConversationController's properties and
//! functions by name (app/README.md). Every call is recorded in `calls` as [name, args...].
QtObject {
    property color avatarColor: "#2b8a3e"
    property var calls: []
    property bool canManageMembers: false
    property bool canPost: true
    property int conversationId: 1
    property string draft
    property string initials: "GC"
    property string kind: "group"
    //! What lastOwnMessage() returns.
    property var lastOwn: null
    property var members: null
    property string membershipAlert
    property bool muted: false
    property string notificationLevel: "all"
    property string presence
    property string subtitle
    property var timeline: null
    property string title: "Garden club"
    property string typingText

    function addMember(name) {
        record("addMember", [name]);
    }
    //! The arguments of every call to `name`, oldest first.
    function callsOf(name) {
        return calls.filter(c => c[0] === name).map(c => c.slice(1));
    }
    function dismissMembershipAlert() {
        record("dismissMembershipAlert", []);
    }
    function edit(seq, text) {
        record("edit", [seq, text]);
    }
    function jumpToDate(day) {
        record("jumpToDate", [day]);
    }
    function lastOwnMessage() {
        return lastOwn;
    }
    function leave() {
        record("leave", []);
    }
    function loadNewer() {
        record("loadNewer", []);
    }
    function loadOlder() {
        record("loadOlder", []);
    }
    function react(seq, emoji) {
        record("react", [seq, emoji]);
    }
    function record(name, args) {
        calls = calls.concat([[name].concat(args)]);
    }
    function remove(seq) {
        record("remove", [seq]);
    }
    function removeMember(name) {
        record("removeMember", [name]);
    }
    function retry(row) {
        record("retry", [row]);
    }
    function send(text) {
        record("send", [text]);
    }
    function setTyping(active) {
        record("setTyping", [active]);
    }
    function showLatest() {
        record("showLatest", []);
    }
}
