// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/relay_link.h"

#include <QList>
#include <QString>

namespace hearth::test {

//! A RelayLink a unit test drives by hand: no sockets, no timers, nothing asynchronous. It
//! records every request the engine part sends and leaves it pending until the test answers
//! it with an ok frame or an error frame, or drops the link (pending requests then fail with
//! Unavailable, as a closed connection fails them). While offline, request() fails at once,
//! as ConnectionManager does. Pushes go out when the test calls push().
class ScriptedLink final : public engine::RelayLink {
    Q_OBJECT

public:
    //! One request as the part sent it.
    struct Sent {
        QString type;
        QCborMap fields;
        bool answered = false;
    };

    explicit ScriptedLink(QObject *parent = nullptr);

    [[nodiscard]] engine::ConnectionState state() const override { return m_state; }
    [[nodiscard]] const protocol::Limits &limits() const override { return m_limits; }
    void request(QLatin1StringView type, const QCborMap &fields, ReplyHandler handler) override;

    //! Online: emits stateChanged() then online().
    void goOnline();
    //! Offline: fails every pending request with Unavailable, then emits stateChanged().
    void goOffline();
    [[nodiscard]] protocol::Limits &limits() { return m_limits; }

    //! Every request sent while online, oldest first (answered ones included).
    [[nodiscard]] const QList<Sent> &sent() const { return m_sent; }
    //! The types of sent(), for QCOMPARE.
    [[nodiscard]] QStringList sentTypes() const;
    //! The indices into sent() still waiting for an answer.
    [[nodiscard]] QList<qsizetype> pending() const;
    //! Requests refused at once because the link was offline.
    [[nodiscard]] int refused() const { return m_refused; }

    //! Forgets the requests answered so far (a test's set-up traffic); none may be pending.
    void clear();

    //! Answers request `index` of sent() with an ok frame carrying `fields`.
    void reply(qsizetype index, const QCborMap &fields = {});
    //! Answers request `index` with an error frame.
    void fail(qsizetype index, protocol::ErrorCode code, const QString &message = {});
    //! Delivers a push frame of `type` (what the relay sends unasked).
    void push(QLatin1StringView type, const QCborMap &fields);

private:
    //! Takes the handler of request `index` (fails the test's expectations loudly if none).
    [[nodiscard]] ReplyHandler take(qsizetype index);

    engine::ConnectionState m_state = engine::ConnectionState::Offline;
    protocol::Limits m_limits;
    QList<Sent> m_sent;
    QList<ReplyHandler> m_handlers; // parallel to m_sent; empty once answered
    int m_refused = 0;
};

} // namespace hearth::test
