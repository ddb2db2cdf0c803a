// SPDX-License-Identifier: GPL-3.0-or-later
pragma Singleton
import QtQml

//! Pure text helpers shared by the views (times, fingerprints, previews).
QtObject {

    //! Message time in the timeline.
    function clock(date) {
        if (!date || isNaN(date.getTime()))
            return "";
        return Qt.formatTime(date, "HH:mm");
    }

    //! Fingerprint in readable groups: 5 digits for numeric safety numbers, else 4 characters.
    function groupFingerprint(fingerprint) {
        const s = String(fingerprint).replace(/\s+/g, "");
        const size = /^[0-9]+$/.test(s) ? 5 : 4;
        const groups = [];
        for (let i = 0; i < s.length; i += size)
            groups.push(s.substring(i, i + size));
        return groups.join(" ");
    }

    //! One-line preview of a conversation row.
    function preview(kind, sender, text, selfName) {
        const line = String(text || "").replace(/\s+/g, " ");
        if (kind === "dm" || !sender)
            return sender && sender === selfName ? qsTr("You: %1").arg(line) : line;
        return (sender === selfName ? qsTr("You") : sender) + ": " + line;
    }
    //! Sidebar time: today "HH:mm", the last six days the weekday, else the date.
    function shortTime(date, now) {
        if (!date || isNaN(date.getTime()))
            return "";
        const day = new Date(date.getFullYear(), date.getMonth(), date.getDate());
        const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
        const days = Math.round((today - day) / 86400000);
        if (days <= 0)
            return Qt.formatTime(date, "HH:mm");
        if (days < 7)
            return Qt.formatDate(date, "ddd");
        if (date.getFullYear() === now.getFullYear())
            return Qt.formatDate(date, "d MMM");
        return Qt.formatDate(date, "d MMM yyyy");
    }
}
