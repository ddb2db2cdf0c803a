// SPDX-License-Identifier: GPL-3.0-or-later
// PageDecryptor over an in-memory session store: a page of messages, its signatures checked on
// the thread pool and decrypted in order, comes out in order with the right outcome for each
// (decrypted, no session, forged, replayed index too old), and flush() saves the advanced
// session once. Also the crypto API it relies on: a VerifiedGroupEnvelope opens only in the
// session it was verified for.
#include "crypto/inbound_group_session.h"
#include "crypto/outbound_group_session.h"
#include "crypto/secret_view.h"
#include "crypto/signing_key.h"
#include "sync/engine/page_decryptor.h"
#include "sync/engine/payload_codec.h"
#include "sync/store/memory_session_store.h"

#include <QCborMap>
#include <QTest>

using namespace hearth;
using namespace hearth::engine;
using namespace Qt::Literals::StringLiterals;

namespace {

const ConversationId kConv{7};
const DeviceAddress kAlice{UserId{u"alice"_s}, DeviceId{11}};

struct Sender {
    crypto::SigningKeyPair key = crypto::SigningKeyPair::generate();
    crypto::OutboundGroupSession session =
        std::move(crypto::OutboundGroupSession::create(kConv, kAlice, key, 1).value());

    ClientMessageId lastCmid = ClientMessageId::generate(); //!< of the last encrypt()

    QByteArray encrypt(const QString &text) {
        store::MessageContent content;
        content.contentType = u"text"_s;
        content.text = text;
        lastCmid = ClientMessageId::generate();
        return session.encrypt(encodePayload(lastCmid, content).value(), key).value();
    }
    store::InboundSessionRecord inbound() const {
        auto in =
            crypto::InboundGroupSession::fromKey(session.sessionKey(), crypto::KeyOrigin::Shared);
        return {kConv, kAlice, session.sessionId(), in.serialize(), session.messageIndex(), 1};
    }
};

} // namespace

class TstPageDecryptor final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pageInOrderWithOutcomes_data() {
        QTest::addColumn<int>("count");
        QTest::newRow("below the parallel threshold") << 5;
        QTest::newRow("many blocks on the pool") << 500;
    }

    void pageInOrderWithOutcomes() {
        QFETCH(int, count);
        Sender alice;
        store::MemorySessionStore sessions;
        const store::InboundSessionRecord initial = alice.inbound();
        QVERIFY(sessions.saveInbound(initial));
        Sender unknown; // a session this device never received

        QList<PageDecryptor::Message> page;
        QStringList texts;
        for (int i = 0; i < count; ++i) {
            texts.append(u"message %1"_s.arg(i));
            page.append({kConv, kAlice, alice.encrypt(texts.constLast()), alice.lastCmid});
        }
        const int forged = count / 2;
        page[forged].body[page[forged].body.size() - 1] ^= 0x01; // signature byte
        page.append({kConv, kAlice, unknown.encrypt(u"no key"_s), unknown.lastCmid});
        page.append({kConv, kAlice, QByteArray("not an envelope"), ClientMessageId::generate()});

        PageDecryptor decryptor(sessions);
        QList<qsizetype> order;
        QList<PageDecryptor::Result> results;
        decryptor.decryptEach(page, [&](qsizetype i, PageDecryptor::Result result) {
            order.append(i);
            results.append(std::move(result));
        });
        QCOMPARE(results.size(), page.size());
        for (qsizetype i = 0; i < order.size(); ++i)
            QCOMPARE(order[i], i);
        for (int i = 0; i < count; ++i) {
            const PageDecryptor::Result &result = results[i];
            if (i == forged) {
                QCOMPARE(result.outcome, PageDecryptor::Outcome::Rejected);
                QCOMPARE(result.reason, u"BadSignature"_s);
                continue;
            }
            QCOMPARE(result.outcome, PageDecryptor::Outcome::Ok);
            QCOMPARE(result.content.text, texts[i]);
            QCOMPARE(result.index, quint32(i));
            QCOMPARE(*result.sessionId, alice.session.sessionId());
        }
        QCOMPARE(results[count].outcome, PageDecryptor::Outcome::NoSession);
        QCOMPARE(*results[count].sessionId, unknown.session.sessionId());
        QCOMPARE(results[count + 1].outcome, PageDecryptor::Outcome::Rejected);

        // Nothing saved before flush(); after it the session has moved on.
        auto before = sessions.inbound(kConv, kAlice.device, alice.session.sessionId());
        QCOMPARE(crypto::secretView((*before)->state), crypto::secretView(initial.state));
        QVERIFY(decryptor.flush());
        auto after = sessions.inbound(kConv, kAlice.device, alice.session.sessionId());
        QVERIFY(crypto::secretView((*after)->state) != crypto::secretView(initial.state));

        // The same page again (a replay): decrypts the same way (dedup is the caller's).
        PageDecryptor again(sessions);
        const QList<PageDecryptor::Result> second = again.decryptAll(page);
        QCOMPARE(second[0].outcome, PageDecryptor::Outcome::Ok);
        QCOMPARE(second[0].content.text, texts[0]);
    }

    void payloadCmidMustBeTheRelays() {
        Sender alice;
        store::MemorySessionStore sessions;
        QVERIFY(sessions.saveInbound(alice.inbound()));
        const QByteArray first = alice.encrypt(u"first"_s);
        const ClientMessageId firstCmid = alice.lastCmid;
        const QByteArray second = alice.encrypt(u"second"_s);
        const ClientMessageId secondCmid = alice.lastCmid;
        // A relay swapping the two events' cmids (or dropping one) gets both refused.
        PageDecryptor decryptor(sessions);
        const QList<PageDecryptor::Result> results =
            decryptor.decryptAll({{kConv, kAlice, first, secondCmid},
                                  {kConv, kAlice, second, firstCmid},
                                  {kConv, kAlice, second, std::nullopt}});
        for (const PageDecryptor::Result &result : results) {
            QCOMPARE(result.outcome, PageDecryptor::Outcome::Rejected);
            QCOMPARE(result.reason, u"the relay's cmid differs from the one the sender signed"_s);
        }
    }

    void legacyPayloadIsUnverifiable() {
        Sender alice;
        store::MemorySessionStore sessions;
        QVERIFY(sessions.saveInbound(alice.inbound()));
        // The format before schema 4: unpadded, no own cmid, the target by seq.
        QCborMap legacy;
        legacy.insert(u"type"_s, u"edit"_s);
        legacy.insert(u"body"_s, u"retargeted?"_s);
        legacy.insert(u"target"_s, 3);
        const QByteArray body =
            alice.session.encrypt(legacy.toCborValue().toCbor(), alice.key).value();
        PageDecryptor decryptor(sessions);
        const auto results = decryptor.decryptAll({{kConv, kAlice, body, alice.lastCmid}});
        QCOMPARE(results[0].outcome, PageDecryptor::Outcome::Legacy);
        QVERIFY(results[0].content.text.isEmpty());
    }

    void verifiedEnvelopeOpensOnlyInItsSession() {
        Sender alice, other;
        auto mine = crypto::InboundGroupSession::fromKey(alice.session.sessionKey(),
                                                         crypto::KeyOrigin::Shared);
        auto theirs = crypto::InboundGroupSession::fromKey(other.session.sessionKey(),
                                                           crypto::KeyOrigin::Shared);
        const QByteArray envelope = alice.encrypt(u"hello"_s);
        auto verified = mine.verify(envelope, kConv, kAlice);
        QVERIFY(verified);
        QCOMPARE(theirs.decrypt(*verified).error(), crypto::CryptoError::WrongSession);
        auto message = mine.decrypt(*verified);
        QVERIFY(message);
        QCOMPARE(readPayload(message->plaintext)->content.text, u"hello"_s);
        QVERIFY(readPayload(message->plaintext)->cmid == alice.lastCmid);

        QByteArray forged = envelope;
        forged[forged.size() - 1] ^= 0x01;
        QCOMPARE(mine.verify(forged, kConv, kAlice).error(), crypto::CryptoError::BadSignature);
        QCOMPARE(mine.verify(envelope, ConversationId{8}, kAlice).error(),
                 crypto::CryptoError::WrongConversation);
    }
};

QTEST_GUILESS_MAIN(TstPageDecryptor)
#include "tst_page_decryptor.moc"
