// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/engine/bulk_sender.h"

#include "crypto/outbound_group_session.h"
#include "crypto/secret_view.h"
#include "sync/engine/payload_codec.h"
#include "sync/engine/sync_engine.h"
#include "sync/protocol/protocol.h"
#include "tests/support/test_client.h"

#include <QCborMap>
#include <memory>

namespace hearth::test {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int kChunkTimeoutMs = 120000;

} // namespace

QString BulkSender::send(engine::SyncEngine &sender, const QUrl &relay,
                         hearth::ConversationId conversation, int count, const TextFor &text,
                         quint64 *lastSeq, int chunk) {
    store::Store &store = sender.store();
    auto secrets = store.account().secrets();
    if (!secrets)
        return u"no account secrets"_s;
    auto signing = crypto::SigningKeyPair::fromSeed(crypto::secretView(secrets->deviceSigningKey));
    auto dh = crypto::DhKeyPair::fromSecretKey(crypto::secretView(secrets->deviceDhKey));
    if (!signing || !dh)
        return u"damaged device keys"_s;
    engine::DeviceCredentials credentials{
        sender.user().name, sender.device().value,
        std::make_shared<const crypto::SigningKeyPair>(std::move(*signing)),
        std::make_shared<const crypto::DhKeyPair>(std::move(*dh))};

    auto record = store.sessions().outbound(conversation);
    if (!record || !*record)
        return u"the sender has no outbound session for the conversation"_s;
    auto session = crypto::OutboundGroupSession::deserialize(crypto::secretView((*record)->state));
    if (!session)
        return u"damaged outbound session"_s;

    QList<QCborMap> requests;
    requests.reserve(count);
    for (int i = 0; i < count; ++i) {
        store::MessageContent content;
        content.contentType = u"text"_s;
        content.text = text(i);
        const store::ClientMessageId cmid = store::ClientMessageId::generate();
        auto ciphertext =
            session->encrypt(engine::encodePayload(cmid, content).value(), *credentials.signingKey);
        if (!ciphertext)
            return u"encrypt failed at %1"_s.arg(i);
        QCborMap fields;
        fields.insert("conv"_L1, static_cast<qint64>(conversation.value));
        fields.insert("cmid"_L1, cmid.bytes());
        fields.insert("body"_L1, *ciphertext);
        requests.append(std::move(fields));
    }
    // why: the engine must never reuse an index it did not send itself.
    store::OutboundSessionRecord advanced{conversation, session->sessionId(), session->serialize(),
                                          session->createdAtMs(), session->messageIndex()};
    if (auto saved = store.sessions().saveOutbound(advanced); !saved)
        return u"could not save the advanced outbound session"_s;

    TestClient client;
    if (!client.connect(relay))
        return u"connect: "_s + client.lastError();
    if (auto auth = client.authenticate(credentials); !auth)
        return u"auth: "_s + auth.error().message;
    for (int from = 0; from < count; from += chunk) {
        const QList<QCborMap> part = requests.mid(from, chunk);
        const auto replies = client.callAll(protocol::type::kSend, part, kChunkTimeoutMs);
        for (qsizetype i = 0; i < replies.size(); ++i) {
            if (!replies[i])
                return u"send %1: %2"_s.arg(from + i).arg(replies[i].error().message);
            if (lastSeq)
                *lastSeq = replies[i].value().uint("seq"_L1);
        }
    }
    client.close();
    return {};
}

} // namespace hearth::test
