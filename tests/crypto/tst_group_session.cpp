// SPDX-License-Identifier: GPL-3.0-or-later
// Outbound and inbound group sessions together: what a receiver can and cannot decrypt.
#include "crypto/details/group_cipher.h"
#include "crypto/inbound_group_session.h"
#include "crypto/outbound_group_session.h"
#include "crypto/pairwise_channel.h"
#include "crypto/replay_guard.h"
#include "crypto/rotation_policy.h"
#include "crypto/secret_view.h"
#include "crypto_test_support.h"

#include <QTest>
#include <QtEndian>
#include <algorithm>
#include <limits>
#include <numeric>
#include <random>

using namespace hearth;
using namespace hearth::crypto;
using namespace hearth::crypto::test;
using namespace Qt::Literals::StringLiterals;

namespace {

const DeviceAddress kAlice1{UserId{u"alice"_s}, DeviceId{1}};
const DeviceAddress kBob2{UserId{u"bob"_s}, DeviceId{2}};
const DeviceAddress kCarol3{UserId{u"carol"_s}, DeviceId{3}};
constexpr ConversationId kConvA{100};
constexpr ConversationId kConvB{200};

OutboundGroupSession newSession(const SigningKeyPair &key, ConversationId conversation = kConvA,
                                const DeviceAddress &sender = kAlice1) {
    return std::move(OutboundGroupSession::create(conversation, sender, key, 0).value());
}

QByteArray encrypt(OutboundGroupSession &session, const SigningKeyPair &key,
                   QByteArrayView plaintext) {
    CryptoResult<QByteArray> envelope = session.encrypt(plaintext, key);
    if (!envelope.ok())
        qFatal("encrypt failed: %s", cryptoErrorName(envelope.error()));
    return std::move(envelope).value();
}

InboundGroupSession inboundOf(const OutboundGroupSession &session) {
    return InboundGroupSession::fromKey(session.sessionKey(), KeyOrigin::Shared);
}

//! An outbound session sending next with `chain` (root's id, conversation and sender), built
//! through the documented outbound state layout: version, type 0x10, createdAtMs 0, the key.
OutboundGroupSession sessionWithChain(const GroupSessionKey &root, ChainKey chain) {
    const GroupSessionKey key =
        std::move(GroupSessionKey::create(root.sessionId(), std::move(chain), root.conversation(),
                                          root.sender(), root.senderKey())
                      .value());
    QByteArray state("\x01\x10", 2);
    state.append(QByteArray(8, '\0'));
    state.append(bytesOf(key.serialize()));
    return std::move(OutboundGroupSession::deserialize(state).value());
}

//! The same session as `root` (index 0), moved to `index` without sending: for tests that need
//! messages far ahead.
OutboundGroupSession sessionAt(const GroupSessionKey &root, quint32 index) {
    ChainKey chain = root.chain().clone();
    while (chain.index() < index) {
        const quint32 step = std::min(index - chain.index(), kMaxRatchetJump);
        if (!chain.advanceTo(chain.index() + step).ok())
            qFatal("advance failed");
    }
    return sessionWithChain(root, std::move(chain));
}

QByteArray plaintextFor(quint32 index) {
    return "message "_ba + QByteArray::number(index);
}

} // namespace

class TestGroupSession final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTripInOrder();
    void ownSessionDecryptsOwnMessages();
    void outOfOrder();
    void sameIndexTwice();
    void forwardSecrecy();
    void exportFromShareIndex();
    void ratchetJumpFromCursorCapped();
    void behindCursorFromCheckpoints();
    void wrongConversation();
    void sessionKeyForOtherConversation();
    void wrongSender();
    void wrongSession();
    void wrongIndexRefused();
    void everyFlippedByteRefused();
    void everyTruncationRefused();
    void forgedSenderSignature();
    void wrongChainKeyCannotDecrypt();
    void failedDecryptLeavesStateUnchanged();
    void encryptWithOtherKeyRefused();
    void exhaustion();
    void sharedOverPairwise();
    void sharedInAnotherDevicesName();
    void pairwisePayloadNotASessionKey();
    void rotationAfterRemoval();
    void outboundStateRoundTrip();
    void inboundStateRoundTrip();
    void badStateRefused();
};

void TestGroupSession::roundTripInOrder() {
    const SigningKeyPair alice = SigningKeyPair::generate();
    OutboundGroupSession out = newSession(alice);
    InboundGroupSession in = inboundOf(out);
    QCOMPARE(in.firstKnownIndex(), 0u);
    for (quint32 i = 0; i < 20; ++i) {
        const QByteArray envelope = encrypt(out, alice, plaintextFor(i));
        const CryptoResult<GroupMessage> message = in.decrypt(envelope, kConvA, kAlice1);
        HEARTH_VERIFY_OK(message);
        QCOMPARE(message->plaintext, plaintextFor(i));
        QCOMPARE(message->index, i);
    }
    QCOMPARE(out.messageIndex(), 20u);
    QVERIFY(in.sessionId() == out.sessionId());
    QVERIFY(in.senderKey() == publicKeyOf(alice));
}

void TestGroupSession::ownSessionDecryptsOwnMessages() {
    const SigningKeyPair alice = SigningKeyPair::generate();
    OutboundGroupSession out = newSession(alice);
    InboundGroupSession own = InboundGroupSession::fromKey(out.sessionKey(), KeyOrigin::Own);
    const QByteArray envelope = encrypt(out, alice, "mine");
    HEARTH_VERIFY_OK(own.decrypt(envelope, kConvA, kAlice1));
    QCOMPARE(own.origin(), KeyOrigin::Own);
}

void TestGroupSession::outOfOrder() {
    const SigningKeyPair alice = SigningKeyPair::generate();
    OutboundGroupSession out = newSession(alice);
    InboundGroupSession in = inboundOf(out);
    QList<QByteArray> envelopes;
    for (quint32 i = 0; i < 60; ++i)
        envelopes.append(encrypt(out, alice, plaintextFor(i)));
    QList<quint32> order(60);
    std::iota(order.begin(), order.end(), 0u);
    std::shuffle(order.begin(), order.end(), std::mt19937(1234));
    for (quint32 i : order) {
        const CryptoResult<GroupMessage> message = in.decrypt(envelopes[i], kConvA, kAlice1);
        HEARTH_VERIFY_OK(message);
        QCOMPARE(message->plaintext, plaintextFor(i));
    }
    // Newest first, then all older ones: every key behind the cursor comes from the earliest.
    InboundGroupSession reversed = inboundOf(newSession(alice));
    InboundGroupSession fresh = InboundGroupSession::fromKey(
        std::move(GroupSessionKey::parse(bytesOf(in.exportKey().serialize())).value()),
        KeyOrigin::Shared);
    for (qsizetype i = envelopes.size() - 1; i >= 0; --i)
        HEARTH_VERIFY_OK(fresh.decrypt(envelopes[i], kConvA, kAlice1));
    // An unrelated session opens none of them.
    HEARTH_COMPARE_ERROR(reversed.decrypt(envelopes[0], kConvA, kAlice1),
                         CryptoError::WrongSession);
}

void TestGroupSession::sameIndexTwice() {
    const SigningKeyPair alice = SigningKeyPair::generate();
    OutboundGroupSession out = newSession(alice);
    InboundGroupSession in = inboundOf(out);
    const QByteArray envelope = encrypt(out, alice, "again");
    HEARTH_VERIFY_OK(in.decrypt(envelope, kConvA, kAlice1));
    HEARTH_VERIFY_OK(in.decrypt(envelope, kConvA, kAlice1));
}

void TestGroupSession::forwardSecrecy() {
    // Bob joins after five messages: the key he gets opens message 5 on, nothing before.
    const SigningKeyPair alice = SigningKeyPair::generate();
    OutboundGroupSession out = newSession(alice);
    QList<QByteArray> before;
    for (quint32 i = 0; i < 5; ++i)
        before.append(encrypt(out, alice, plaintextFor(i)));
    InboundGroupSession bob = inboundOf(out);
    QCOMPARE(bob.firstKnownIndex(), 5u);
    const QByteArray fifth = encrypt(out, alice, plaintextFor(5));
    const QByteArray sixth = encrypt(out, alice, plaintextFor(6));
    HEARTH_VERIFY_OK(bob.decrypt(sixth, kConvA, kAlice1));
    HEARTH_VERIFY_OK(bob.decrypt(fifth, kConvA, kAlice1));
    for (const QByteArray &old : before)
        HEARTH_COMPARE_ERROR(bob.decrypt(old, kConvA, kAlice1), CryptoError::IndexTooOld);
    // The exported key itself carries index 5 and the chain key for 5 only.
    QCOMPARE(bob.exportKey().index(), 5u);
}

void TestGroupSession::exportFromShareIndex() {
    // Alice holds her own session from index 0; carol was given it at index 3. What alice
    // exports to carol on a key request starts at 3: messages 0-2 stay closed to carol.
    const SigningKeyPair alice = SigningKeyPair::generate();
    OutboundGroupSession out = newSession(alice);
    const InboundGroupSession own = inboundOf(out);
    QList<QByteArray> sent;
    QByteArray sharedAtThree; // what prepare() shares with a device added at index 3
    for (quint32 i = 0; i < 5; ++i) {
        if (i == 3)
            sharedAtThree = bytesOf(out.sessionKey().serialize());
        sent.append(encrypt(out, alice, plaintextFor(i)));
    }
    CryptoResult<GroupSessionKey> fromThree = own.exportKeyFrom(3);
    HEARTH_VERIFY_OK(fromThree);
    QCOMPARE(fromThree->index(), 3u);
    InboundGroupSession carol =
        InboundGroupSession::fromKey(std::move(*fromThree), KeyOrigin::Shared);
    QCOMPARE(carol.firstKnownIndex(), 3u);
    for (quint32 i = 0; i < 3; ++i)
        HEARTH_COMPARE_ERROR(carol.decrypt(sent[i], kConvA, kAlice1), CryptoError::IndexTooOld);
    for (quint32 i = 3; i < 5; ++i) {
        const CryptoResult<GroupMessage> message = carol.decrypt(sent[i], kConvA, kAlice1);
        HEARTH_VERIFY_OK(message);
        QCOMPARE(message->plaintext, plaintextFor(i));
    }
    // Never before what the exporting session holds itself.
    QCOMPARE(carol.exportKeyFrom(0)->index(), 3u);
    QCOMPARE(own.exportKeyFrom(0)->index(), 0u);
    // Exactly the key the share at index 3 gave.
    QCOMPARE(bytesOf(own.exportKeyFrom(3)->serialize()), sharedAtThree);
    HEARTH_COMPARE_ERROR(own.exportKeyFrom(kMaxRatchetJump + 1), CryptoError::RatchetJumpTooLarge);
}

void TestGroupSession::ratchetJumpFromCursorCapped() {
    const SigningKeyPair alice = SigningKeyPair::generate();
    const OutboundGroupSession root = newSession(alice);
    InboundGroupSession in = inboundOf(root);
    const GroupSessionKey key = root.sessionKey();

    OutboundGroupSession tooFar = sessionAt(key, kMaxRatchetJump + 1);
    HEARTH_COMPARE_ERROR(in.decrypt(encrypt(tooFar, alice, "far"), kConvA, kAlice1),
                         CryptoError::RatchetJumpTooLarge);
    OutboundGroupSession atCap = sessionAt(key, kMaxRatchetJump);
    HEARTH_VERIFY_OK(in.decrypt(encrypt(atCap, alice, "cap"), kConvA, kAlice1));
    // The cursor moved to kMaxRatchetJump, so kMaxRatchetJump + 1 is now one step away.
    HEARTH_VERIFY_OK(in.decrypt(encrypt(tooFar, alice, "far"), kConvA, kAlice1));
}

void TestGroupSession::behindCursorFromCheckpoints() {
    const SigningKeyPair alice = SigningKeyPair::generate();
    const OutboundGroupSession root = newSession(alice);
    InboundGroupSession in = inboundOf(root);
    const GroupSessionKey key = root.sessionKey();
    const auto at = [&](quint32 index) {
        OutboundGroupSession session = sessionAt(key, index);
        return encrypt(session, alice, plaintextFor(index));
    };
    HEARTH_VERIFY_OK(in.decrypt(at(kMaxRatchetJump), kConvA, kAlice1));
    HEARTH_VERIFY_OK(in.decrypt(at(2 * kMaxRatchetJump), kConvA, kAlice1));
    // Far behind the cursor and far from the earliest index: the checkpoints cached on the way
    // forward make it a short walk.
    const QByteArray behind = at(kMaxRatchetJump + 1);
    HEARTH_VERIFY_OK(in.decrypt(behind, kConvA, kAlice1));

    // Checkpoints are a cache, not state: a restored session starts from the earliest index
    // again, where the jump cap applies...
    InboundGroupSession restored =
        std::move(InboundGroupSession::deserialize(bytesOf(in.serialize())).value());
    HEARTH_COMPARE_ERROR(restored.decrypt(behind, kConvA, kAlice1),
                         CryptoError::RatchetJumpTooLarge);
    // ...until a message within reach rebuilds them.
    HEARTH_VERIFY_OK(restored.decrypt(at(kMaxRatchetJump - 1), kConvA, kAlice1));
    const CryptoResult<GroupMessage> message = restored.decrypt(behind, kConvA, kAlice1);
    HEARTH_VERIFY_OK(message);
    QCOMPARE(message->plaintext, plaintextFor(kMaxRatchetJump + 1));
}

void TestGroupSession::wrongConversation() {
    // The relay copies an event of conversation A into conversation B.
    const SigningKeyPair alice = SigningKeyPair::generate();
    OutboundGroupSession out = newSession(alice, kConvA);
    InboundGroupSession in = inboundOf(out);
    const QByteArray envelope = encrypt(out, alice, "for A only");
    HEARTH_COMPARE_ERROR(in.decrypt(envelope, kConvB, kAlice1), CryptoError::WrongConversation);
    HEARTH_VERIFY_OK(in.decrypt(envelope, kConvA, kAlice1));
}

void TestGroupSession::sessionKeyForOtherConversation() {
    // A session key shared for conversation A, relabelled as conversation B (by whoever handles
    // it) still cannot open anything as B: the signature and AD bind the conversation.
    const SigningKeyPair alice = SigningKeyPair::generate();
    OutboundGroupSession out = newSession(alice, kConvA);
    const GroupSessionKey key = out.sessionKey();
    InboundGroupSession relabelled = InboundGroupSession::fromKey(
        std::move(GroupSessionKey::create(key.sessionId(), key.chain().clone(), kConvB, kAlice1,
                                          key.senderKey())
                      .value()),
        KeyOrigin::Shared);
    const QByteArray envelope = encrypt(out, alice, "for A only");
    HEARTH_COMPARE_ERROR(relabelled.decrypt(envelope, kConvB, kAlice1), CryptoError::BadSignature);
    HEARTH_COMPARE_ERROR(relabelled.decrypt(envelope, kConvA, kAlice1),
                         CryptoError::WrongConversation);
}

void TestGroupSession::wrongSender() {
    const SigningKeyPair alice = SigningKeyPair::generate();
    OutboundGroupSession out = newSession(alice);
    InboundGroupSession in = inboundOf(out);
    const QByteArray envelope = encrypt(out, alice, "hi");
    HEARTH_COMPARE_ERROR(in.decrypt(envelope, kConvA, kBob2), CryptoError::WrongSender);
    HEARTH_COMPARE_ERROR(in.decrypt(envelope, kConvA, DeviceAddress{kAlice1.user, DeviceId{9}}),
                         CryptoError::WrongSender);
}

void TestGroupSession::wrongSession() {
    const SigningKeyPair alice = SigningKeyPair::generate();
    OutboundGroupSession first = newSession(alice);
    OutboundGroupSession second = newSession(alice);
    InboundGroupSession in = inboundOf(first);
    HEARTH_COMPARE_ERROR(in.decrypt(encrypt(second, alice, "x"), kConvA, kAlice1),
                         CryptoError::WrongSession);
}

void TestGroupSession::wrongIndexRefused() {
    const SigningKeyPair alice = SigningKeyPair::generate();
    OutboundGroupSession out = newSession(alice);
    InboundGroupSession in = inboundOf(out);
    const QByteArray first = encrypt(out, alice, "zero");
    (void)encrypt(out, alice, "one");
    for (quint32 index : {1u, 2u, 1000u}) {
        QByteArray moved = first;
        qToBigEndian(index, moved.data() + 18);
        HEARTH_COMPARE_ERROR(in.decrypt(moved, kConvA, kAlice1), CryptoError::BadSignature);
    }
}

void TestGroupSession::everyFlippedByteRefused() {
    const SigningKeyPair alice = SigningKeyPair::generate();
    OutboundGroupSession out = newSession(alice);
    InboundGroupSession in = inboundOf(out);
    const QByteArray envelope = encrypt(out, alice, "a message of some length");
    for (qsizetype i = 0; i < envelope.size(); ++i) {
        for (char mask : {'\x01', '\x80'}) {
            const CryptoResult<GroupMessage> result =
                in.decrypt(flipped(envelope, i, mask), kConvA, kAlice1);
            QVERIFY2(!result.ok(), qPrintable(u"byte %1 accepted"_s.arg(i)));
            const CryptoError expected = i == 0   ? CryptoError::UnsupportedVersion
                                         : i == 1 ? CryptoError::WrongType
                                         : i < 18 ? CryptoError::WrongSession
                                                  : CryptoError::BadSignature;
            QCOMPARE(result.error(), expected);
        }
    }
    HEARTH_VERIFY_OK(in.decrypt(envelope, kConvA, kAlice1));
}

void TestGroupSession::everyTruncationRefused() {
    const SigningKeyPair alice = SigningKeyPair::generate();
    OutboundGroupSession out = newSession(alice);
    InboundGroupSession in = inboundOf(out);
    const QByteArray envelope = encrypt(out, alice, "a message of some length");
    for (qsizetype size = 0; size < envelope.size(); ++size) {
        HEARTH_COMPARE_ERROR(in.decrypt(envelope.first(size), kConvA, kAlice1),
                             size < kGroupEnvelopeOverhead ? CryptoError::Malformed
                                                           : CryptoError::BadSignature);
    }
    HEARTH_COMPARE_ERROR(in.decrypt(envelope + '\0', kConvA, kAlice1), CryptoError::BadSignature);
}

void TestGroupSession::forgedSenderSignature() {
    // Carol is a member: she holds alice's session key, so she can compute every message key.
    // She still cannot write in alice's name: the signature is alice's device key's.
    const SigningKeyPair alice = SigningKeyPair::generate();
    const SigningKeyPair carol = SigningKeyPair::generate();
    OutboundGroupSession out = newSession(alice);
    InboundGroupSession bob = inboundOf(out);
    const GroupSessionKey carolsCopy = out.sessionKey();
    const MessageKey messageKey = carolsCopy.chain().messageKey();
    const QByteArray forged =
        details::sealGroupEnvelope(kConvA, kAlice1, carol, carolsCopy.sessionId(), 0,
                                   messageKey.bytes().data(), "transfer the money");
    HEARTH_COMPARE_ERROR(bob.decrypt(forged, kConvA, kAlice1), CryptoError::BadSignature);
    // The same bytes signed by alice would be accepted: only the signature was wrong.
    const QByteArray genuine = details::sealGroupEnvelope(
        kConvA, kAlice1, alice, carolsCopy.sessionId(), 0, messageKey.bytes().data(), "hello");
    HEARTH_VERIFY_OK(bob.decrypt(genuine, kConvA, kAlice1));
}

void TestGroupSession::wrongChainKeyCannotDecrypt() {
    const SigningKeyPair alice = SigningKeyPair::generate();
    OutboundGroupSession out = newSession(alice);
    const GroupSessionKey real = out.sessionKey();
    InboundGroupSession wrong = InboundGroupSession::fromKey(
        std::move(GroupSessionKey::create(real.sessionId(), ChainKey::generate(), kConvA, kAlice1,
                                          real.senderKey())
                      .value()),
        KeyOrigin::Shared);
    HEARTH_COMPARE_ERROR(wrong.decrypt(encrypt(out, alice, "x"), kConvA, kAlice1),
                         CryptoError::DecryptionFailed);
}

void TestGroupSession::failedDecryptLeavesStateUnchanged() {
    const SigningKeyPair alice = SigningKeyPair::generate();
    OutboundGroupSession out = newSession(alice);
    InboundGroupSession in = inboundOf(out);
    const GroupSessionKey key = out.sessionKey();
    const QByteArray before = bytesOf(in.serialize());
    // Signed by alice, index 10, but encrypted under a key that is not message key 10.
    const QByteArray wrongKey(kMessageKeySize, '\x55');
    const QByteArray junk = details::sealGroupEnvelope(
        kConvA, kAlice1, alice, key.sessionId(), 10,
        reinterpret_cast<const unsigned char *>(wrongKey.constData()), "junk");
    HEARTH_COMPARE_ERROR(in.decrypt(junk, kConvA, kAlice1), CryptoError::DecryptionFailed);
    QCOMPARE(bytesOf(in.serialize()), before);
}

void TestGroupSession::encryptWithOtherKeyRefused() {
    const SigningKeyPair alice = SigningKeyPair::generate();
    OutboundGroupSession out = newSession(alice);
    HEARTH_COMPARE_ERROR(out.encrypt("x", SigningKeyPair::generate()), CryptoError::InvalidKey);
    QCOMPARE(out.messageIndex(), 0u);
}

void TestGroupSession::exhaustion() {
    const SigningKeyPair alice = SigningKeyPair::generate();
    const GroupSessionKey root = newSession(alice).sessionKey();
    const quint32 last = std::numeric_limits<quint32>::max();
    // Built by hand: the chain at index last - 1.
    OutboundGroupSession out = sessionWithChain(
        root, std::move(ChainKey::fromBytes(bytesOf(root.chain().bytes()), last - 1).value()));
    HEARTH_VERIFY_OK(out.encrypt("the last one", alice));
    QCOMPARE(out.messageIndex(), last);
    HEARTH_COMPARE_ERROR(out.encrypt("one too many", alice), CryptoError::SessionExhausted);
    QCOMPARE(out.messageIndex(), last);
}

void TestGroupSession::sharedOverPairwise() {
    const SigningKeyPair alice = SigningKeyPair::generate();
    const DhKeyPair bobDh = DhKeyPair::generate();
    OutboundGroupSession out = newSession(alice);
    const CryptoResult<QByteArray> share =
        sealPairwise(kAlice1, alice, kBob2, publicKeyOf(bobDh),
                     secretView(out.sessionKey().serialize()), 1700000000000);
    HEARTH_VERIFY_OK(share);
    InMemoryReplayGuard guard;
    const CryptoResult<PairwiseMessage> opened =
        openPairwise(*share, kBob2, bobDh, kAlice1, publicKeyOf(alice), guard);
    HEARTH_VERIFY_OK(opened);
    CryptoResult<InboundGroupSession> in =
        InboundGroupSession::fromPairwise(*opened, publicKeyOf(alice));
    HEARTH_VERIFY_OK(in);
    QCOMPARE(in->origin(), KeyOrigin::Shared);
    const CryptoResult<GroupMessage> message =
        in->decrypt(encrypt(out, alice, "hello bob"), kConvA, kAlice1);
    HEARTH_VERIFY_OK(message);
    QCOMPARE(message->plaintext, "hello bob"_ba);
}

void TestGroupSession::sharedInAnotherDevicesName() {
    // Carol's device hands bob a session that claims to be alice's.
    const SigningKeyPair alice = SigningKeyPair::generate();
    const SigningKeyPair carol = SigningKeyPair::generate();
    const DhKeyPair bobDh = DhKeyPair::generate();
    InMemoryReplayGuard guard;
    const auto deliver = [&](const GroupSessionKey &key) {
        const QByteArray share = std::move(
            sealPairwise(kCarol3, carol, kBob2, publicKeyOf(bobDh), secretView(key.serialize()), 1)
                .value());
        PairwiseMessage opened = std::move(
            openPairwise(share, kBob2, bobDh, kCarol3, publicKeyOf(carol), guard).value());
        return InboundGroupSession::fromPairwise(opened, publicKeyOf(carol));
    };
    // Naming alice/1 with alice's key (carol could copy both from the device list).
    const OutboundGroupSession inAlicesName = newSession(alice);
    HEARTH_COMPARE_ERROR(deliver(inAlicesName.sessionKey()), CryptoError::WrongSender);
    // Naming carol/3 but with alice's signing key.
    const GroupSessionKey mixed =
        std::move(GroupSessionKey::create(SessionId::generate(), ChainKey::generate(), kConvA,
                                          kCarol3, publicKeyOf(alice))
                      .value());
    HEARTH_COMPARE_ERROR(deliver(mixed), CryptoError::WrongSender);
    // Carol's own session is fine.
    HEARTH_VERIFY_OK(deliver(newSession(carol, kConvA, kCarol3).sessionKey()));
}

void TestGroupSession::pairwisePayloadNotASessionKey() {
    const SigningKeyPair alice = SigningKeyPair::generate();
    PairwiseMessage message{PairwiseHeader{kAlice1, kBob2, MessageId::generate(), 0},
                            SecretBytes::fromBytes("not a session key")};
    HEARTH_COMPARE_ERROR(InboundGroupSession::fromPairwise(message, publicKeyOf(alice)),
                         CryptoError::UnsupportedVersion);
    message.plaintext = SecretBytes::fromBytes("\x01\x01 a group message");
    HEARTH_COMPARE_ERROR(InboundGroupSession::fromPairwise(message, publicKeyOf(alice)),
                         CryptoError::WrongType);
    message.plaintext = SecretBytes::fromBytes("\x01\x03 too short");
    HEARTH_COMPARE_ERROR(InboundGroupSession::fromPairwise(message, publicKeyOf(alice)),
                         CryptoError::Malformed);
}

void TestGroupSession::rotationAfterRemoval() {
    const SigningKeyPair alice = SigningKeyPair::generate();
    const DhKeyPair bobDh = DhKeyPair::generate();
    const DhKeyPair carolDh = DhKeyPair::generate();
    InMemoryReplayGuard bobGuard;
    InMemoryReplayGuard carolGuard;
    const auto share = [&](const OutboundGroupSession &session, const DeviceAddress &to,
                           const DhKeyPair &key) {
        return std::move(sealPairwise(kAlice1, alice, to, publicKeyOf(key),
                                      secretView(session.sessionKey().serialize()), 1)
                             .value());
    };
    const auto receive = [&](const QByteArray &envelope, const DeviceAddress &self,
                             const DhKeyPair &key, ReplayGuard &guard) {
        CryptoResult<PairwiseMessage> opened =
            openPairwise(envelope, self, key, kAlice1, publicKeyOf(alice), guard);
        if (!opened.ok())
            qFatal("open failed");
        return std::move(InboundGroupSession::fromPairwise(*opened, publicKeyOf(alice)).value());
    };

    OutboundGroupSession first = newSession(alice);
    InboundGroupSession bobFirst = receive(share(first, kBob2, bobDh), kBob2, bobDh, bobGuard);
    InboundGroupSession carolFirst =
        receive(share(first, kCarol3, carolDh), kCarol3, carolDh, carolGuard);
    HEARTH_VERIFY_OK(carolFirst.decrypt(encrypt(first, alice, "before"), kConvA, kAlice1));

    // Carol is removed: the policy says rotate.
    const SessionUsage usage{first.messageIndex(), first.createdAtMs(), {kBob2, kCarol3}, {kBob2}};
    QCOMPARE(rotationNeeded(RotationPolicy{}, usage, first.createdAtMs() + 1),
             RotationReason::DeviceRemoved);

    OutboundGroupSession second = newSession(alice);
    const QByteArray toBob = share(second, kBob2, bobDh);
    InboundGroupSession bobSecond = receive(toBob, kBob2, bobDh, bobGuard);
    const QByteArray after = encrypt(second, alice, "after carol left");
    HEARTH_VERIFY_OK(bobSecond.decrypt(after, kConvA, kAlice1));
    (void)bobFirst;

    // Carol's old session does not open the new one...
    HEARTH_COMPARE_ERROR(carolFirst.decrypt(after, kConvA, kAlice1), CryptoError::WrongSession);
    // ...nor does her old chain under the new session's id...
    const GroupSessionKey old = carolFirst.exportKey();
    InboundGroupSession guessed = InboundGroupSession::fromKey(
        std::move(GroupSessionKey::create(second.sessionId(), old.chain().clone(), kConvA, kAlice1,
                                          old.senderKey())
                      .value()),
        KeyOrigin::Shared);
    HEARTH_COMPARE_ERROR(guessed.decrypt(after, kConvA, kAlice1), CryptoError::DecryptionFailed);
    // ...and if the relay hands her bob's copy of the new key, she cannot open it.
    HEARTH_COMPARE_ERROR(
        openPairwise(toBob, kCarol3, carolDh, kAlice1, publicKeyOf(alice), carolGuard),
        CryptoError::WrongRecipient);
    HEARTH_COMPARE_ERROR(
        openPairwise(toBob, kBob2, carolDh, kAlice1, publicKeyOf(alice), carolGuard),
        CryptoError::DecryptionFailed);
}

void TestGroupSession::outboundStateRoundTrip() {
    const SigningKeyPair alice = SigningKeyPair::generate();
    OutboundGroupSession out =
        std::move(OutboundGroupSession::create(kConvA, kAlice1, alice, 1700000000123).value());
    InboundGroupSession in = inboundOf(out);
    (void)encrypt(out, alice, "zero");
    (void)encrypt(out, alice, "one");
    CryptoResult<OutboundGroupSession> restored =
        OutboundGroupSession::deserialize(bytesOf(out.serialize()));
    HEARTH_VERIFY_OK(restored);
    QCOMPARE(restored->messageIndex(), 2u);
    QCOMPARE(restored->createdAtMs(), 1700000000123);
    QVERIFY(restored->sessionId() == out.sessionId());
    QVERIFY(restored->sender() == kAlice1);
    QVERIFY(restored->conversation() == kConvA);
    const CryptoResult<GroupMessage> message =
        in.decrypt(encrypt(*restored, alice, "two"), kConvA, kAlice1);
    HEARTH_VERIFY_OK(message);
    QCOMPARE(message->index, 2u);
}

void TestGroupSession::inboundStateRoundTrip() {
    const SigningKeyPair alice = SigningKeyPair::generate();
    OutboundGroupSession out = newSession(alice);
    (void)encrypt(out, alice, "before");
    InboundGroupSession in = inboundOf(out); // from index 1
    QList<QByteArray> envelopes;
    for (int i = 0; i < 5; ++i)
        envelopes.append(encrypt(out, alice, plaintextFor(quint32(i + 1))));
    HEARTH_VERIFY_OK(in.decrypt(envelopes[3], kConvA, kAlice1)); // cursor at 4
    CryptoResult<InboundGroupSession> restored =
        InboundGroupSession::deserialize(bytesOf(in.serialize()));
    HEARTH_VERIFY_OK(restored);
    QCOMPARE(restored->firstKnownIndex(), 1u);
    QCOMPARE(restored->origin(), KeyOrigin::Shared);
    QCOMPARE(bytesOf(restored->serialize()), bytesOf(in.serialize()));
    for (const QByteArray &envelope : envelopes)
        HEARTH_VERIFY_OK(restored->decrypt(envelope, kConvA, kAlice1));
}

void TestGroupSession::badStateRefused() {
    const SigningKeyPair alice = SigningKeyPair::generate();
    OutboundGroupSession out = newSession(alice);
    const QByteArray outbound = bytesOf(out.serialize());
    const QByteArray inbound = bytesOf(inboundOf(out).serialize());
    HEARTH_COMPARE_ERROR(OutboundGroupSession::deserialize(inbound), CryptoError::WrongType);
    HEARTH_COMPARE_ERROR(InboundGroupSession::deserialize(outbound), CryptoError::WrongType);
    for (qsizetype size = 2; size < outbound.size(); ++size)
        HEARTH_COMPARE_ERROR(OutboundGroupSession::deserialize(outbound.first(size)),
                             CryptoError::Malformed);
    for (qsizetype size = 2; size < inbound.size(); ++size)
        HEARTH_COMPARE_ERROR(InboundGroupSession::deserialize(inbound.first(size)),
                             CryptoError::Malformed);
    QByteArray badOrigin = inbound;
    badOrigin[2] = 9;
    HEARTH_COMPARE_ERROR(InboundGroupSession::deserialize(badOrigin), CryptoError::Malformed);
    // A cursor before the earliest index cannot be.
    (void)encrypt(out, alice, "x");
    QByteArray behind = bytesOf(inboundOf(out).serialize()); // earliest 1, cursor 1
    qToBigEndian(quint32(0), behind.data() + 3);
    HEARTH_COMPARE_ERROR(InboundGroupSession::deserialize(behind), CryptoError::Malformed);
}

QTEST_GUILESS_MAIN(TestGroupSession)
#include "tst_group_session.moc"
