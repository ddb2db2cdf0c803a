// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/page_decryptor.h"

#include "crypto/group_envelope.h"
#include "crypto/secret_view.h"
#include "sync/engine/payload_codec.h"

#include <QFuture>
#include <QScopeGuard>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <vector>

namespace hearth::engine {

using namespace Qt::Literals::StringLiterals;

namespace {

QString errorName(crypto::CryptoError error) {
    return QString::fromLatin1(crypto::cryptoErrorName(error));
}

QByteArray entryKey(const PageDecryptor::Message &message, const crypto::SessionId &sessionId) {
    QByteArray key;
    key.reserve(16 + sessionId.bytes().size());
    const quint64 numbers[2] = {message.conversation.value, message.sender.device.value};
    key.append(reinterpret_cast<const char *>(numbers), sizeof numbers);
    key.append(sessionId.bytes());
    return key;
}

} // namespace

//! One signature to check: read-only inputs, the verdict written by one worker.
struct PageDecryptor::Check {
    Entry *entry = nullptr;
    const Message *message = nullptr;
    std::optional<crypto::CryptoResult<crypto::VerifiedGroupEnvelope>> verdict;
};

PageDecryptor::Entry &PageDecryptor::entry(const Message &message,
                                           const crypto::SessionId &sessionId) {
    auto [it, inserted] = m_entries.try_emplace(entryKey(message, sessionId));
    Entry &found = it->second;
    if (!inserted)
        return found;
    auto record = m_sessions.inbound(message.conversation, message.sender.device, sessionId);
    if (!record) {
        m_loadFailure = record.error();
        return found;
    }
    if (!*record)
        return found;
    auto session = crypto::InboundGroupSession::deserialize(crypto::secretView((*record)->state));
    found.record = std::move(**record);
    if (session)
        found.session.emplace(std::move(*session));
    return found;
}

QList<PageDecryptor::Result> PageDecryptor::decryptAll(const QList<Message> &messages) {
    QList<Result> results(messages.size());
    decryptEach(messages,
                [&results](qsizetype i, Result result) { results[i] = std::move(result); });
    return results;
}

void PageDecryptor::decryptEach(const QList<Message> &messages, const ResultHandler &onResult) {
    QList<Result> early(messages.size()); // what is known before any signature check
    std::vector<Check> checks;
    checks.reserve(static_cast<size_t>(messages.size()));
    std::vector<qsizetype> checkOf(static_cast<size_t>(messages.size()), -1);
    for (qsizetype i = 0; i < messages.size(); ++i) {
        Result &result = early[i];
        auto header = crypto::peekGroupEnvelope(messages[i].body);
        if (!header) {
            result.reason = errorName(header.error());
            continue;
        }
        result.sessionId = header->sessionId;
        Entry &found = entry(messages[i], header->sessionId);
        if (!found.record) {
            result.outcome = Outcome::NoSession;
            continue;
        }
        if (!found.session) {
            result.outcome = Outcome::Broken;
            continue;
        }
        checkOf[static_cast<size_t>(i)] = static_cast<qsizetype>(checks.size());
        checks.push_back(Check{&found, &messages[i], std::nullopt});
    }

    // why: verify() reads only what identifies a session (never changed by decrypt()), so the
    // pool checks later blocks while this thread decrypts (and the caller stores) earlier ones.
    const auto verifyRange = [&checks](size_t from, size_t to) {
        for (size_t k = from; k < to; ++k) {
            Check &check = checks[k];
            const crypto::InboundGroupSession &session = *check.entry->session;
            check.verdict.emplace(session.verify(check.message->body, check.message->conversation,
                                                 check.message->sender));
        }
    };
    std::vector<QFuture<void>> blocks;
    if (static_cast<qsizetype>(checks.size()) < kParallelThreshold) {
        verifyRange(0, checks.size());
    } else {
        for (size_t from = 0; from < checks.size(); from += kVerifyBlock)
            blocks.push_back(
                QtConcurrent::run(verifyRange, from, std::min(checks.size(), from + kVerifyBlock)));
    }
    // why: every block must be done before `checks` goes out of scope, whatever happens.
    const auto waitAll = qScopeGuard([&blocks] {
        for (QFuture<void> &block : blocks)
            block.waitForFinished();
    });

    // Decryption moves the ratchets: one message after another, in batch order.
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const qsizetype k = checkOf[static_cast<size_t>(i)];
        if (k < 0) {
            onResult(i, std::move(early[i]));
            continue;
        }
        if (!blocks.empty())
            blocks[static_cast<size_t>(k) / kVerifyBlock].waitForFinished();
        onResult(i, decryptChecked(checks[static_cast<size_t>(k)], std::move(early[i])));
    }
}

PageDecryptor::Result PageDecryptor::decryptChecked(Check &check, Result result) {
    if (!*check.verdict) {
        result.outcome = Outcome::Rejected;
        result.reason = errorName(check.verdict->error());
        return result;
    }
    auto message = check.entry->session->decrypt(**check.verdict);
    if (!message) {
        if (message.error() == crypto::CryptoError::IndexTooOld)
            result.outcome = Outcome::TooOld;
        else
            result.reason = errorName(message.error());
        return result;
    }
    check.entry->dirty = true;
    auto decoded = decodePayload(message->plaintext);
    auto *payload = std::get_if<Payload>(&decoded);
    if (!payload) {
        const bool legacy = std::get<PayloadError>(decoded) == PayloadError::Legacy;
        result.outcome = legacy ? Outcome::Legacy : Outcome::Rejected;
        result.reason = legacy ? u"payload of an older client: its references cannot be verified"_s
                               : u"malformed payload"_s;
        return result;
    }
    if (!check.message->cmid || !(payload->cmid == *check.message->cmid)) {
        result.reason = u"the relay's cmid differs from the one the sender signed"_s;
        result.cmidMismatch = true;
        result.index = message->index;
        return result;
    }
    result.outcome = Outcome::Ok;
    result.content = std::move(payload->content);
    result.index = message->index;
    return result;
}

store::StoreStatus PageDecryptor::flush() {
    if (m_loadFailure)
        return *m_loadFailure;
    for (auto &[key, found] : m_entries) {
        if (!found.dirty)
            continue;
        // why: keeping the advanced cursor makes the next message a single ratchet step.
        store::InboundSessionRecord advanced{found.record->conversation, found.record->sender,
                                             found.record->sessionId,    found.session->serialize(),
                                             found.record->firstIndex,   found.record->receivedTs};
        if (auto saved = m_sessions.saveInbound(advanced); !saved)
            return saved.error();
        found.dirty = false;
    }
    return {};
}

} // namespace hearth::engine
