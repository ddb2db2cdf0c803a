// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/engine/scripted_link.h"

#include "sync/protocol/frame.h"

namespace hearth::test {

using namespace Qt::Literals::StringLiterals;

ScriptedLink::ScriptedLink(QObject *parent)
    : RelayLink(parent) {}

void ScriptedLink::request(QLatin1StringView type, const QCborMap &fields, ReplyHandler handler) {
    if (m_state != engine::ConnectionState::Online) {
        ++m_refused;
        handler(protocol::ProtocolError{protocol::ErrorCode::Unavailable, u"not connected"_s, {}});
        return;
    }
    m_sent.append(Sent{QString(type), fields, false});
    m_handlers.append(std::move(handler));
}

void ScriptedLink::goOnline() {
    m_state = engine::ConnectionState::Online;
    Q_EMIT stateChanged(m_state);
    Q_EMIT online();
}

void ScriptedLink::goOffline() {
    m_state = engine::ConnectionState::Offline;
    // why: like RelayConnection::failPending, and in request order; a handler may send again
    // (refused now that the link is offline), so take each one before running it.
    for (qsizetype index : pending())
        take(index)(protocol::ProtocolError{protocol::ErrorCode::Unavailable,
                                            u"connection closed"_s, quint64(index + 1)});
    Q_EMIT stateChanged(m_state);
}

QStringList ScriptedLink::sentTypes() const {
    QStringList types;
    for (const Sent &sent : m_sent)
        types.append(sent.type);
    return types;
}

QList<qsizetype> ScriptedLink::pending() const {
    QList<qsizetype> indices;
    for (qsizetype i = 0; i < m_sent.size(); ++i) {
        if (!m_sent[i].answered)
            indices.append(i);
    }
    return indices;
}

void ScriptedLink::clear() {
    if (!pending().isEmpty())
        qFatal("ScriptedLink: clear() with requests pending");
    m_sent.clear();
    m_handlers.clear();
    m_refused = 0;
}

void ScriptedLink::reply(qsizetype index, const QCborMap &fields) {
    auto handler = take(index);
    handler(protocol::Frame::ok(quint64(index + 1), fields));
}

void ScriptedLink::fail(qsizetype index, protocol::ErrorCode code, const QString &message) {
    auto handler = take(index);
    handler(protocol::ProtocolError{code, message, quint64(index + 1)});
}

void ScriptedLink::push(QLatin1StringView type, const QCborMap &fields) {
    Q_EMIT pushed(protocol::Frame::push(type, fields));
}

ScriptedLink::ReplyHandler ScriptedLink::take(qsizetype index) {
    if (index < 0 || index >= m_sent.size() || m_sent[index].answered)
        qFatal("ScriptedLink: request %lld is not pending", static_cast<long long>(index));
    m_sent[index].answered = true;
    return std::exchange(m_handlers[index], {});
}

} // namespace hearth::test
