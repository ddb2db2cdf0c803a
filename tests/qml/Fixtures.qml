// SPDX-License-Identifier: GPL-3.0-or-later
import QtQuick

//! A small, lively community as ListModels with the roles of the C++ models (app/README.md):
//! used by the screenshot harness.
QtObject {
    id: root

    readonly property var colors: ({
            "alice": "#5c7cfa",
            "bob": "#2b8a3e",
            "carol": "#d9480f",
            "dave": "#862e9c",
            "erin": "#0b7285",
            "frank": "#c2255c"
        })
    property ListModel conversations: ListModel {
    }
    property ListModel members: ListModel {
    }

    // A fixed afternoon, so times read naturally in every screenshot.
    readonly property date now: {
        const d = new Date();
        d.setHours(14, 5, 0, 0);
        return d;
    }
    property ListModel timeline: ListModel {
        // TimelineModel's: the whole history is loaded (no "older" spinner).
        property bool atStart: true
    }

    function ago(minutes) {
        return new Date(now.getTime() - minutes * 60000);
    }
    function conversation(id, title, kind, unread, text, sender, minutes, extra) {
        const row = {
            "conversationId": id,
            "title": title,
            "kind": kind,
            "unreadCount": unread,
            "lastMessageText": text,
            "lastMessageSender": sender,
            "lastMessageTime": ago(minutes),
            "muted": false,
            "notificationLevel": "all",
            "presence": "",
            "avatarColor": colors[title] || "#5c7cfa",
            "initials": title.split(" ").map(w => w[0]).join("").substring(0, 2).toUpperCase(),
            "draft": ""
        };
        for (const k in extra)
            row[k] = extra[k];
        conversations.append(row);
    }
    function member(name, role, presence) {
        members.append({
                "userName": name,
                "role": role,
                "presence": presence,
                "avatarColor": colors[name],
                "initials": name.substring(0, 1).toUpperCase(),
                "isSelf": name === "alice"
            });
    }
    function message(sender, minutes, html, extra) {
        const row = {
            "seq": timeline.count + 100,
            "eventKind": "message",
            "senderName": sender,
            "own": sender === "alice",
            "text": html.replace(/<[^>]+>/g, ""),
            "html": html,
            "time": ago(minutes),
            "state": sender === "alice" ? "sent" : "",
            "readByCount": 0,
            "edited": false,
            "deleted": false,
            "reactions": [],
            "firstInGroup": true,
            "daySeparator": "",
            "firstUnread": false,
            "membershipTrust": "",
            "avatarColor": colors[sender] || "#5c7cfa",
            "initials": sender.substring(0, 1).toUpperCase()
        };
        for (const k in extra)
            row[k] = extra[k];
        timeline.append(row);
    }

    Component.onCompleted: {
        conversation(1, "Garden club", "group", 3, "Who's bringing the seedlings on Saturday?", "bob", 4, {});
        conversation(2, "carol", "dm", 0, "Thanks! That recipe was perfect", "carol", 38, {
                "presence": "online",
                "draft": "I'll send you the other one tonight"
            });
        conversation(3, "announcements", "channel", 12, "The community hall is closed on Monday for repairs", "erin", 95, {
                "muted": true
            });
        conversation(4, "dave", "dm", 1, "Can you review my notes?", "dave", 60 * 20, {
                "presence": "away"
            });
        conversation(5, "Book circle", "group", 0, "Next up: The Left Hand of Darkness", "alice", 60 * 24 * 2, {});
        conversation(6, "erin", "dm", 0, "ok!", "alice", 60 * 24 * 4, {
                "presence": "offline"
            });
        conversation(7, "Neighbourhood watch and street party planning", "group", 0, "Bunting is in the shed behind number 12, key under the pot", "frank", 60 * 24 * 12, {});
        conversation(8, "frank", "dm", 0, "See you at the allotment", "frank", 60 * 24 * 40, {
                "presence": "online"
            });
        message("carol", 60 * 26, "", {
                "eventKind": "membership",
                "text": "carol joined the conversation",
                "daySeparator": "Yesterday",
                "state": ""
            });
        message("bob", 60 * 25, "<p>Morning all! The <b>tomatoes</b> survived the frost</p>", {
                "reactions": [{
                        "emoji": "\u2764",
                        "count": 3,
                        "mine": true
                    }, {
                        "emoji": "\u263A",
                        "count": 1,
                        "mine": false
                    }]
            });
        message("bob", 60 * 25 - 1, "<p>I covered them with fleece overnight, worked a treat.</p>", {
                "firstInGroup": false
            });
        message("alice", 60 * 24, "<p>Amazing. Mine didn't make it — I'll need seedlings. Here's the planting guide I mentioned: <a href=\"https://example.org/guide\">example.org/guide</a></p>", {
                "state": "read",
                "readByCount": 4
            });
        message("carol", 60 * 23, "<p>Notes from the last meeting:</p><ul><li>Compost bins: <i>two more</i> by spring</li><li>Water butt rota starts in April</li><li>Seed swap on the 14th</li></ul>", {
                "edited": true
            });
        message("dave", 60 * 22, "", {
                "eventKind": "undecryptable",
                "text": ""
            });
        message("bob", 30, "<p>Who's bringing the seedlings on Saturday?</p>", {
                "daySeparator": "Today",
                "firstUnread": true
            });
        message("erin", 12, "<p>I can bring a tray of courgettes and some basil. The shed code is:</p><pre>4 7 1 9</pre>", {});
        message("erin", 11, "", {
                "deleted": true,
                "firstInGroup": false
            });
        message("alice", 4, "<p>I'll bring the big watering can and some cake \u263A</p>", {
                "state": "sent"
            });
        message("alice", 2, "<p>Also: does anyone have a spare trowel?</p>", {
                "state": "failed",
                "seq": 0,
                "firstInGroup": false
            });
        message("alice", 1, "<p>Never mind, found mine!</p>", {
                "state": "pending",
                "seq": 0,
                "firstInGroup": false
            });
        member("alice", "owner", "online");
        member("bob", "admin", "online");
        member("carol", "member", "away");
        member("dave", "member", "offline");
        member("erin", "member", "online");
        member("frank", "member", "offline");
    }
}
