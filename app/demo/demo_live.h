// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/demo/demo_cast.h"
#include "app/demo/demo_lines.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace hearth::demo {

//! Keeps the demo community alive around sam: every 20–60 s one member types and then posts in
//! a group; a member answers sam in their DM a few seconds after sam writes there; members read
//! what arrives (so sam sees receipts), now and then react to sam in a group, and step away
//! and come back (presence). Plays every member but sam, each with its own engine; gives a
//! member up when another process asks for their profile (claimDemoProfile, e.g.
//! `hearth --demo --as bob`) and takes them back once that process has let go.
class LiveCommunity final : public QObject {
    Q_OBJECT

public:
    explicit LiveCommunity(DemoCast &cast, QObject *parent = nullptr);

    //! Starts playing the members whose profiles are free; sam is never played.
    void start();

private:
    void adopt(const QString &member);
    void scheduleChatter();
    void chatter();
    //! Now and then one member steps away or comes back, so presence changes too.
    void stepAwayOrBack();
    void onEvents(const QString &member, quint64 conversation);
    void answerInDm(const QString &member, quint64 conversation);
    void reactInGroup(const QString &member, quint64 conversation, const store::EventRef &target);
    void readLater(const QString &member, quint64 conversation);
    void watchRequests();
    //! Runs `action` after a random delay in [minMs, maxMs] if `member` is still played.
    void later(const QString &member, int minMs, int maxMs, std::function<void()> action);

    DemoCast &m_cast;
    DemoLines m_lines;
    QTimer m_chatterTimer;
    QTimer m_watchTimer;
    QHash<QString, QDateTime> m_releasedAt; //!< members given up, and when
    QSet<QString> m_busy;                   //!< "member/conversation" with a reply or read queued
    QHash<QString, quint64> m_answered;     //!< "member/conversation" → last sam seq answered
    QSet<QString> m_reacted;                //!< "conversation/seq" of sam's messages reacted to
    QSet<QString> m_away;                   //!< members who set themselves away
};

} // namespace hearth::demo
