// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/inbound_group_session.h"
#include "sync/engine/engine_types.h"
#include "sync/store/event.h"
#include "sync/store/session_store.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <functional>
#include <map>
#include <optional>

namespace hearth::engine {

//! Decrypts the group messages of one batch (a catch-up page, a push, a retry): every inbound
//! session is loaded once and saved once (flush()), the Ed25519 signatures of the batch are
//! checked in blocks on the global thread pool (they are the bulk of the cost and need no
//! ratchet state) while the calling thread decrypts, one message after another in batch order
//! (the ratchet moves in place), what was checked already. Policy (trust, key requests,
//! rejections) is the caller's.
class PageDecryptor final {
public:
    struct Message {
        ConversationId conversation;
        DeviceAddress sender;
        QByteArray body;
        //! The relay's cmid of the event: the signed payload must carry the same one, or the
        //! message is rejected (a relay swapping cmids would retarget references to them).
        std::optional<ClientMessageId> cmid;
    };
    enum class Outcome : quint8 {
        Ok,        //!< `content` holds the message
        NoSession, //!< no inbound session for it (yet)
        TooOld,    //!< before the earliest index held: never decryptable here
        Broken,    //!< the stored session state is unreadable
        Legacy,    //!< authentic, but in the format of older clients: references unverifiable
        Rejected,  //!< forged, altered or malformed: `reason` says why
    };
    struct Result {
        Outcome outcome = Outcome::Rejected;
        store::MessageContent content;
        std::optional<crypto::SessionId> sessionId;
        quint32 index = 0; //!< the authenticated message index (Ok, or `cmidMismatch`)
        //! Rejected because the payload's cmid is not the relay's (`index` is authentic): the
        //! caller may still recognise a replay of a message it accepted.
        bool cmidMismatch = false;
        QString reason;
    };

    //! Batches smaller than this are verified on the calling thread (a thread hop costs more).
    static constexpr qsizetype kParallelThreshold = 16;
    //! Signatures per pool task: small enough for the first results to come early.
    static constexpr size_t kVerifyBlock = 32;
    using ResultHandler = std::function<void(qsizetype index, Result result)>;

    explicit PageDecryptor(store::SessionStore &sessions)
        : m_sessions(sessions) {}

    //! One result per message, in order. Sessions advance in memory only until flush().
    [[nodiscard]] QList<Result> decryptAll(const QList<Message> &messages);
    //! The same, handing each result to `onResult` (on this thread, in order) as soon as it is
    //! ready, so the caller's work on one message overlaps the checking of the next ones.
    void decryptEach(const QList<Message> &messages, const ResultHandler &onResult);
    //! Saves every session that advanced (inside the caller's transaction).
    [[nodiscard]] store::StoreStatus flush();

private:
    struct Entry {
        std::optional<store::InboundSessionRecord> record; //!< as stored (absent: no session)
        std::optional<crypto::InboundGroupSession> session;
        bool dirty = false;
    };
    struct Check;
    [[nodiscard]] Result decryptChecked(Check &check, Result result);
    //! The cached entry for (conversation, sender device, session id), loaded on first use.
    [[nodiscard]] Entry &entry(const Message &message, const crypto::SessionId &sessionId);

    store::SessionStore &m_sessions;
    std::map<QByteArray, Entry> m_entries; // why: nodes never move, so Check keeps pointers
    std::optional<store::StoreFailure> m_loadFailure;
};

} // namespace hearth::engine
