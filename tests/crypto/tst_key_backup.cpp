// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/key_backup.h"
#include "crypto/outbound_group_session.h"
#include "crypto_test_support.h"

#include <QElapsedTimer>
#include <QTest>
#include <QtEndian>

using namespace hearth;
using namespace hearth::crypto;
using namespace hearth::crypto::test;
using namespace Qt::Literals::StringLiterals;

namespace {

const DeviceAddress kAlice1{UserId{u"alice"_s}, DeviceId{1}};
constexpr QByteArrayView kPassphrase = "correct horse";
constexpr qsizetype kHeaderSize = 59;
constexpr qsizetype kOpsOffset = 3;
constexpr qsizetype kMemOffset = 11;

//! The fixed session key of tst_group_session_key, as an inbound session.
InboundGroupSession fixedSession() {
    return InboundGroupSession::fromKey(fixedSessionKey(), KeyOrigin::Shared);
}

QByteArray backupOf(const std::vector<InboundGroupSession> &sessions,
                    QByteArrayView passphrase = kPassphrase) {
    CryptoResult<QByteArray> backup =
        exportKeyBackup(sessions, passphrase, PasswordHashCost::Minimum);
    if (!backup.ok())
        qFatal("export failed: %s", cryptoErrorName(backup.error()));
    return std::move(backup).value();
}

//! A backup of arbitrary payload bytes, sealed the documented way (for payloads export would
//! never write).
QByteArray sealPayload(const QByteArray &payload) {
    QByteArray header("\x01\x04\x01", 3);
    char be[8];
    qToBigEndian(quint64(crypto_pwhash_argon2id_OPSLIMIT_MIN), be);
    header.append(be, 8);
    qToBigEndian(quint64(crypto_pwhash_argon2id_MEMLIMIT_MIN), be);
    header.append(be, 8);
    header.append(randomBytes(16 + 24));
    const auto *salt = reinterpret_cast<const unsigned char *>(header.constData() + 19);
    unsigned char key[32];
    if (crypto_pwhash(key, 32, kPassphrase.data(), size_t(kPassphrase.size()), salt,
                      crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN,
                      crypto_pwhash_ALG_ARGON2ID13) != 0)
        qFatal("pwhash failed");
    const QByteArray ad = QByteArrayView("hearth-key-backup-v1\0", 21).toByteArray() + header;
    QByteArray ciphertext(payload.size() + 16, Qt::Uninitialized);
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        reinterpret_cast<unsigned char *>(ciphertext.data()), nullptr,
        reinterpret_cast<const unsigned char *>(payload.constData()),
        static_cast<unsigned long long>(payload.size()),
        reinterpret_cast<const unsigned char *>(ad.constData()),
        static_cast<unsigned long long>(ad.size()), nullptr,
        reinterpret_cast<const unsigned char *>(header.constData() + 35), key);
    return header + ciphertext;
}

} // namespace

class TestKeyBackup final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void knownAnswer();
    void roundTrip();
    void emptyBackup();
    void writerAndReaderStream();
    void wrongPassphrase();
    void everyFlippedByteRefused();
    void everyTruncationRefused();
    void absurdParametersRefusedQuickly_data();
    void absurdParametersRefusedQuickly();
    void authenticatedButMalformedPayload_data();
    void authenticatedButMalformedPayload();
    void defaultCostIsInteractive();
};

void TestKeyBackup::initTestCase() {
    DeterministicRandom::install();
}

void TestKeyBackup::knownAnswer() {
    // Minimum cost (1 pass, 8 KiB); randomness 20 21 ...: salt (16), then nonce (24).
    // Cross-checked with an independent Python version over libsodium.
    std::vector<InboundGroupSession> sessions;
    sessions.push_back(fixedSession());
    const QByteArray backup = [&] {
        const DeterministicRandom fixed(0x20);
        return backupOf(sessions);
    }();
    QCOMPARE(
        backup.toHex(),
        "01040100000000000000010000000000002000202122232425262728292a2b2c2d2e2f303132333435363738"
        "393a3b3c3d3e3f4041424344454647d2c6a61131014cf88b7a187ee0b20d91404a3c2b87e5c37ddb300ad943"
        "d28706582fa1307cc43763807264c5a4dc5584b7301fc28395eaa695b6376eb03ff6008f51a7c7b8b9db445c"
        "857e2457a13c5cbd9ad5ddba5882858316bdc52d46928e32e9ef468a71702e5ff26ad1fcaa20326400b42956"
        "b6adba6e535e3af2fce63ae9398e"_ba);
}

void TestKeyBackup::roundTrip() {
    const SigningKeyPair alice = SigningKeyPair::generate();
    std::vector<OutboundGroupSession> outbound;
    std::vector<InboundGroupSession> inbound;
    for (quint64 conversation = 1; conversation <= 3; ++conversation) {
        outbound.push_back(std::move(
            OutboundGroupSession::create(ConversationId{conversation}, kAlice1, alice, 0).value()));
        for (quint64 i = 0; i < conversation; ++i) // first indices 1, 2, 3
            (void)outbound.back().encrypt("before", alice);
        inbound.push_back(
            InboundGroupSession::fromKey(outbound.back().sessionKey(), KeyOrigin::Shared));
    }
    CryptoResult<std::vector<InboundGroupSession>> restored =
        importKeyBackup(backupOf(inbound), kPassphrase);
    HEARTH_VERIFY_OK(restored);
    QCOMPARE(restored->size(), std::size_t(3));
    for (std::size_t i = 0; i < 3; ++i) {
        InboundGroupSession &session = (*restored)[i];
        QCOMPARE(session.origin(), KeyOrigin::Backup);
        QCOMPARE(session.firstKnownIndex(), quint32(i + 1));
        QVERIFY(session.sessionId() == outbound[i].sessionId());
        const CryptoResult<GroupMessage> message =
            session.decrypt(std::move(outbound[i].encrypt("after the move", alice).value()),
                            ConversationId{i + 1}, kAlice1);
        HEARTH_VERIFY_OK(message);
        QCOMPARE(message->plaintext, "after the move"_ba);
    }
}

void TestKeyBackup::emptyBackup() {
    const CryptoResult<std::vector<InboundGroupSession>> restored =
        importKeyBackup(backupOf({}), kPassphrase);
    HEARTH_VERIFY_OK(restored);
    QVERIFY(restored->empty());
}

void TestKeyBackup::writerAndReaderStream() {
    // The engine adds sessions as it pages them out of its store, and reads them back one at a
    // time: neither side holds every session at once.
    const SigningKeyPair alice = SigningKeyPair::generate();
    KeyBackupWriter writer;
    std::vector<SessionId> ids;
    for (quint64 i = 0; i < 40; ++i) {
        const OutboundGroupSession session = std::move(
            OutboundGroupSession::create(ConversationId{i + 1}, kAlice1, alice, 0).value());
        ids.push_back(session.sessionId());
        writer.add(InboundGroupSession::fromKey(session.sessionKey(), KeyOrigin::Shared));
    }
    QCOMPARE(writer.count(), 40u);
    const CryptoResult<QByteArray> backup = writer.finish(kPassphrase, PasswordHashCost::Minimum);
    HEARTH_VERIFY_OK(backup);
    const CryptoResult<KeyBackupReader> reader = KeyBackupReader::open(*backup, kPassphrase);
    HEARTH_VERIFY_OK(reader);
    QCOMPARE(reader->count(), 40u);
    for (quint32 i : {39u, 0u, 17u}) {
        const InboundGroupSession session = reader->session(i);
        QVERIFY(session.sessionId() == ids[i]);
        QVERIFY(session.conversation() == ConversationId{i + 1});
        QCOMPARE(session.origin(), KeyOrigin::Backup);
    }
    HEARTH_COMPARE_ERROR(KeyBackupReader::open(*backup, "nope"), CryptoError::WrongPassphrase);
}

void TestKeyBackup::wrongPassphrase() {
    std::vector<InboundGroupSession> sessions;
    sessions.push_back(fixedSession());
    const QByteArray backup = backupOf(sessions);
    HEARTH_COMPARE_ERROR(importKeyBackup(backup, "correct horsf"), CryptoError::WrongPassphrase);
    HEARTH_COMPARE_ERROR(importKeyBackup(backup, ""), CryptoError::WrongPassphrase);
    HEARTH_COMPARE_ERROR(importKeyBackup(backup, "correct horse "), CryptoError::WrongPassphrase);
    HEARTH_VERIFY_OK(importKeyBackup(backup, kPassphrase));
}

void TestKeyBackup::everyFlippedByteRefused() {
    std::vector<InboundGroupSession> sessions;
    sessions.push_back(fixedSession());
    const QByteArray backup = backupOf(sessions);
    for (qsizetype i = 0; i < backup.size(); ++i) {
        const CryptoResult<std::vector<InboundGroupSession>> result =
            importKeyBackup(flipped(backup, i), kPassphrase);
        QVERIFY2(!result.ok(), qPrintable(u"byte %1 accepted"_s.arg(i)));
        const CryptoError error = result.error();
        if (i == 0)
            QCOMPARE(error, CryptoError::UnsupportedVersion);
        else if (i == 1)
            QCOMPARE(error, CryptoError::WrongType);
        else if (i == 2)
            QCOMPARE(error, CryptoError::UnsupportedParameters);
        else if (i < kOpsOffset + 16)
            QVERIFY2(error == CryptoError::UnsupportedParameters ||
                         error == CryptoError::WrongPassphrase,
                     cryptoErrorName(error));
        else
            QCOMPARE(error, CryptoError::WrongPassphrase);
    }
}

void TestKeyBackup::everyTruncationRefused() {
    const QByteArray backup = backupOf({});
    for (qsizetype size = 0; size < backup.size(); ++size) {
        const CryptoResult<std::vector<InboundGroupSession>> result =
            importKeyBackup(backup.first(size), kPassphrase);
        QVERIFY(!result.ok());
        QVERIFY2(result.error() == CryptoError::Malformed ||
                     result.error() == CryptoError::WrongPassphrase,
                 cryptoErrorName(result.error()));
    }
}

void TestKeyBackup::absurdParametersRefusedQuickly_data() {
    QTest::addColumn<qsizetype>("offset");
    QTest::addColumn<quint64>("value");
    QTest::newRow("ops 0") << kOpsOffset << quint64(0);
    QTest::newRow("ops 17") << kOpsOffset << kMaxBackupOpsLimit + 1;
    QTest::newRow("ops 2^63") << kOpsOffset << (quint64(1) << 63);
    QTest::newRow("mem 1 KiB") << kMemOffset << quint64(1024);
    QTest::newRow("mem 1 GiB + 1") << kMemOffset << kMaxBackupMemLimit + 1;
    QTest::newRow("mem 64 GiB") << kMemOffset << (quint64(64) << 30);
}

void TestKeyBackup::absurdParametersRefusedQuickly() {
    QFETCH(qsizetype, offset);
    QFETCH(quint64, value);
    QByteArray backup = backupOf({});
    qToBigEndian(value, backup.data() + offset);
    QElapsedTimer timer;
    timer.start();
    HEARTH_COMPARE_ERROR(importKeyBackup(backup, kPassphrase), CryptoError::UnsupportedParameters);
    QVERIFY(timer.elapsed() < 100); // refused before Argon2id runs
}

void TestKeyBackup::authenticatedButMalformedPayload_data() {
    QTest::addColumn<QByteArray>("payload");
    const QByteArray key = bytesOf(fixedSession().exportKey().serialize());
    const QByteArray entry = QByteArray("\x00\x6d", 2) + key; // 109 bytes
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("count 2, one entry") << QByteArray("\x00\x00\x00\x02", 4) + entry;
    QTest::newRow("count 0, one entry") << QByteArray("\x00\x00\x00\x00", 4) + entry;
    QTest::newRow("entry length too long") << QByteArray("\x00\x00\x00\x01\x00\x6e", 6) + key;
    QTest::newRow("entry not a session key")
        << QByteArray("\x00\x00\x00\x01\x00\x03", 6) + "abc"_ba;
}

void TestKeyBackup::authenticatedButMalformedPayload() {
    QFETCH(QByteArray, payload);
    HEARTH_COMPARE_ERROR(importKeyBackup(sealPayload(payload), kPassphrase),
                         CryptoError::Malformed);
}

void TestKeyBackup::defaultCostIsInteractive() {
    std::vector<InboundGroupSession> sessions;
    sessions.push_back(fixedSession());
    const CryptoResult<QByteArray> backup = exportKeyBackup(sessions, kPassphrase);
    HEARTH_VERIFY_OK(backup);
    QCOMPARE(qFromBigEndian<quint64>(backup->constData() + kOpsOffset),
             quint64(crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE));
    QCOMPARE(qFromBigEndian<quint64>(backup->constData() + kMemOffset),
             quint64(crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE));
    QCOMPARE(backup->size(), kHeaderSize + 4 + 2 + 109 + 16);
    HEARTH_VERIFY_OK(importKeyBackup(*backup, kPassphrase));
}

QTEST_GUILESS_MAIN(TestKeyBackup)
#include "tst_key_backup.moc"
