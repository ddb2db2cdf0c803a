// SPDX-License-Identifier: GPL-3.0-or-later
// Secrets never printed: the debug output of every type of crypto/ that holds key material
// shows no key bytes in any common rendering.
#include "crypto/attachment_cipher.h"
#include "crypto/chain_key.h"
#include "crypto/dh_key.h"
#include "crypto/group_session_key.h"
#include "crypto/inbound_group_session.h"
#include "crypto/outbound_group_session.h"
#include "crypto/pairwise_channel.h"
#include "crypto/signing_key.h"
#include "crypto/store_key.h"
#include "crypto_test_support.h"

#include <QTest>

using namespace hearth;
using namespace hearth::crypto;
using namespace hearth::crypto::test;
using namespace Qt::Literals::StringLiterals;

namespace {

// why: a QtMessageHandler is a plain function pointer, so the capture goes through a global.
QStringList g_messages;
void captureMessage(QtMsgType, const QMessageLogContext &, const QString &message) {
    g_messages.append(message);
}

//! What qDebug() << value writes, through the real message handler path.
template <class T> QString logged(const T &value) {
    g_messages.clear();
    const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
    qDebug() << value;
    qInstallMessageHandler(previous);
    return g_messages.join(u'\n');
}

//! Ways the secret's bytes could show up in a log line, including a 4-byte prefix.
QStringList renderings(const QByteArray &secret) {
    return {
        QString::fromLatin1(secret),
        QString::fromLatin1(secret.toHex()),
        QString::fromLatin1(secret.toHex().toUpper()),
        QString::fromLatin1(secret.toBase64()),
        QString::fromLatin1(secret.toHex(' ')),
        QString::fromLatin1(secret.first(4).toHex()),
        QString::fromLatin1(secret.first(4).toHex().toUpper()),
    };
}

void verifyHidden(const QString &text, const QByteArray &secret, QLatin1StringView typeName) {
    QVERIFY2(text.contains(typeName), qPrintable(text));
    QVERIFY2(text.contains("redacted"_L1), qPrintable(text));
    for (const QString &rendering : renderings(secret))
        QVERIFY2(!text.contains(rendering, Qt::CaseInsensitive), qPrintable(text));
}

//! A secret whose hex and base64 are unlikely to appear by chance in a short text.
QByteArray distinctSecret() {
    QByteArray secret = randomBytes(32);
    secret[0] = '\xde';
    secret[1] = '\xad';
    secret[2] = '\xbe';
    secret[3] = '\xef';
    return secret;
}

const DeviceAddress kAlice1{UserId{u"alice"_s}, DeviceId{1}};

} // namespace

class TestSecretDebug final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void secretBytes();
    void signingKeyPair();
    void dhKeyPair();
    void chainAndMessageKeys();
    void groupSessionKey();
    void outboundSession();
    void inboundSession();
    void pairwisePlaintext();
    void attachmentKey();
    void storeKey();
    void checkerCatchesALeak();
};

void TestSecretDebug::secretBytes() {
    const QByteArray secret = distinctSecret();
    verifyHidden(logged(SecretBytes::fromBytes(secret)), secret, "SecretBytes"_L1);
}

void TestSecretDebug::signingKeyPair() {
    const QByteArray seed = distinctSecret();
    const SigningKeyPair key = std::move(SigningKeyPair::fromSeed(seed).value());
    verifyHidden(logged(key), seed, "SigningKeyPair"_L1);
}

void TestSecretDebug::dhKeyPair() {
    const QByteArray secret = distinctSecret();
    const DhKeyPair key = std::move(DhKeyPair::fromSecretKey(secret).value());
    verifyHidden(logged(key), secret, "DhKeyPair"_L1);
}

void TestSecretDebug::chainAndMessageKeys() {
    const QByteArray secret = distinctSecret();
    const ChainKey chain = std::move(ChainKey::fromBytes(secret, 7).value());
    verifyHidden(logged(chain), secret, "ChainKey"_L1);
    const MessageKey messageKey = chain.messageKey();
    verifyHidden(logged(messageKey), bytesOf(messageKey.bytes()), "MessageKey"_L1);
}

void TestSecretDebug::groupSessionKey() {
    const QByteArray secret = distinctSecret();
    const GroupSessionKey key =
        std::move(GroupSessionKey::create(
                      SessionId::generate(), std::move(ChainKey::fromBytes(secret, 0).value()),
                      ConversationId{1}, kAlice1, publicKeyOf(SigningKeyPair::generate()))
                      .value());
    verifyHidden(logged(key), secret, "GroupSessionKey"_L1);
}

void TestSecretDebug::outboundSession() {
    const SigningKeyPair alice = SigningKeyPair::generate();
    OutboundGroupSession session =
        std::move(OutboundGroupSession::create(ConversationId{1}, kAlice1, alice, 0).value());
    verifyHidden(logged(session), bytesOf(session.sessionKey().chain().bytes()),
                 "OutboundGroupSession"_L1);
    (void)session.encrypt("x", alice);
    verifyHidden(logged(session), bytesOf(session.sessionKey().chain().bytes()),
                 "OutboundGroupSession"_L1);
}

void TestSecretDebug::inboundSession() {
    const SigningKeyPair alice = SigningKeyPair::generate();
    const OutboundGroupSession session =
        std::move(OutboundGroupSession::create(ConversationId{1}, kAlice1, alice, 0).value());
    const InboundGroupSession inbound =
        InboundGroupSession::fromKey(session.sessionKey(), KeyOrigin::Shared);
    verifyHidden(logged(inbound), bytesOf(inbound.exportKey().chain().bytes()),
                 "InboundGroupSession"_L1);
}

void TestSecretDebug::pairwisePlaintext() {
    const QByteArray secret = distinctSecret();
    const PairwiseMessage message{PairwiseHeader{kAlice1, kAlice1, MessageId::generate(), 0},
                                  SecretBytes::fromBytes(secret)};
    verifyHidden(logged(message.plaintext), secret, "SecretBytes"_L1);
}

void TestSecretDebug::attachmentKey() {
    const QByteArray secret = distinctSecret();
    const AttachmentKey key = std::move(AttachmentKey::fromBytes(secret).value());
    verifyHidden(logged(key), secret, "AttachmentKey"_L1);
}

void TestSecretDebug::storeKey() {
    const CryptoResult<StoreKey> key =
        deriveStoreKey("pass", StoreSalt::generate(), PasswordHashCost::Minimum);
    HEARTH_VERIFY_OK(key);
    verifyHidden(logged(*key), bytesOf(key->bytes()), "StoreKey"_L1);
    verifyHidden(logged(key->sqlcipherKeyLiteral()), bytesOf(key->bytes()), "SecretBytes"_L1);
}

void TestSecretDebug::checkerCatchesALeak() {
    // The check itself must be able to fail: a plain QByteArray of the secret is caught.
    const QByteArray secret = distinctSecret();
    const QString text = logged(secret.toHex());
    bool caught = false;
    for (const QString &rendering : renderings(secret))
        caught = caught || text.contains(rendering, Qt::CaseInsensitive);
    QVERIFY(caught);
}

QTEST_GUILESS_MAIN(TestSecretDebug)
#include "tst_secret_debug.moc"
