// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/device_list.h"
#include "crypto_test_support.h"

#include <QTest>
#include <QtEndian>
#include <algorithm>

using namespace hearth;
using namespace hearth::crypto;
using namespace hearth::crypto::test;
using namespace Qt::Literals::StringLiterals;

namespace {

const UserId kAlice{u"alice"_s};
constexpr qint64 kSignedAt = 1767225600000; // 2026-01-01T00:00:00Z
constexpr QByteArrayView kV1Tag("hearth-device-list-v1\0", 22);
constexpr QByteArrayView kV2Tag("hearth-device-list-v2\0", 22);

DeviceKeys device(quint64 id, char signFill, char dhFill) {
    return DeviceKeys{DeviceId{id}, publicKeyOf(signingKey(signFill)), publicKeyOf(dhKey(dhFill))};
}

//! Alice's list, version 7, signed at kSignedAt, devices given out of order.
DeviceList aliceList() {
    return std::move(DeviceList::create(kAlice, 7, kSignedAt,
                                        {device(2, '\x22', '\x23'), device(1, '\x12', '\x13')})
                         .value());
}

//! Bytes the account signs, laid out by hand so tests can build lists create() would refuse.
//! Any tag but v1 gets the v2 timestamp field (kSignedAt).
QByteArray canonical(const UserId &user, quint64 version, const QList<DeviceKeys> &devices,
                     QByteArrayView tag = kV2Tag) {
    QByteArray out = tag.toByteArray();
    const QByteArray name = user.name.toUtf8();
    char be[8];
    qToBigEndian(quint16(name.size()), be);
    out.append(be, 2);
    out.append(name);
    qToBigEndian(version, be);
    out.append(be, 8);
    if (tag != kV1Tag) {
        qToBigEndian(quint64(kSignedAt), be);
        out.append(be, 8);
    }
    qToBigEndian(quint16(devices.size()), be);
    out.append(be, 2);
    for (const DeviceKeys &d : devices) {
        qToBigEndian(d.id.value, be);
        out.append(be, 8);
        out.append(d.signingKey.bytes());
        out.append(d.dhKey.bytes());
    }
    return out;
}

//! list || signature, so tests can alter and cut both as one byte string.
QByteArray signedBy(const SigningKeyPair &key, const QByteArray &body) {
    return body + key.sign(body);
}

QByteArray published(const DeviceList &list, const SigningKeyPair &key) {
    return list.canonicalBytes() + list.sign(key);
}

//! DeviceList::verify on a joined list || signature (the last 64 bytes, or all of a shorter one).
CryptoResult<DeviceList> verifyJoined(const QByteArray &joined, const SigningPublicKey &key,
                                      const UserId &user, quint64 minimumVersion) {
    const qsizetype split = std::max<qsizetype>(0, joined.size() - kSignatureSize);
    return DeviceList::verify(QByteArrayView(joined).first(split),
                              QByteArrayView(joined).sliced(split), key, user, minimumVersion);
}

} // namespace

class TestDeviceList final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void knownAnswer();
    void legacyV1KnownAnswer();
    void roundTrip();
    void createSortsAndFinds();
    void createRefuses_data();
    void createRefuses();
    void everyFlippedByteRefused();
    void everyTruncationRefused();
    void wrongSigner();
    void injectedDeviceRefused();
    void wrongUser();
    void rollbackRefused();
    void unsortedRefused();
    void duplicateRefused();
    void trailingBytesRefused();
    void otherVersionTag();
};

void TestDeviceList::knownAnswer() {
    // Cross-checked with an independent Python version of the documented layout.
    // (Python's `cryptography` Ed25519 / X25519 over the layout in docs/crypto.md section 3.)
    const DeviceList list = aliceList();
    QVERIFY(!list.isLegacy());
    QCOMPARE(list.timestampMs(), kSignedAt);
    QCOMPARE(list.canonicalBytes().toHex(),
             "6865617274682d6465766963652d6c6973742d7632000005616c696365000000000000000700000"
             "19b76daa80000020000000000000001204040e364c10f2bec9c1fe500a1cd4c247c89d650a01ed7"
             "e82caba867877c21197fc2c567dc03ee2aadf0ed86681dac24daa76e83ca555875dd3be7376e530"
             "60000000000000002a09aa5f47a6759802ff955f8dc2d2a14a5c99d23be97f864127ff9383455a4"
             "f09a4503a98ab10fe8d354c9c42cbd0c9d7944f52e7d14d8ea59775e7dc9e3bf4b"_ba);
    QCOMPARE(list.sign(signingKey('\x01')).toHex(),
             "1c9e26ac6b21a468256da2237ee3a1fa0df59d9ad73075af1c630164bd329dd2040cdcd6052ea7326d"
             "db0f77948420e1b2d2829de0762ac35280208215865108"_ba);
}

void TestDeviceList::legacyV1KnownAnswer() {
    // A v1 list as clients before the timestamp signed it (the former known answer): it still
    // verifies, as a legacy list without a timestamp, and keeps its exact bytes.
    const QByteArray v1 = QByteArray::fromHex(
        "6865617274682d6465766963652d6c6973742d7631000005616c6963650000000000000007000200000000"
        "00000001204040e364c10f2bec9c1fe500a1cd4c247c89d650a01ed7e82caba867877c21197fc2c567dc"
        "03ee2aadf0ed86681dac24daa76e83ca555875dd3be7376e53060000000000000002a09aa5f47a675980"
        "2ff955f8dc2d2a14a5c99d23be97f864127ff9383455a4f09a4503a98ab10fe8d354c9c42cbd0c9d7944"
        "f52e7d14d8ea59775e7dc9e3bf4b");
    const QByteArray sig = QByteArray::fromHex(
        "60f7fdbf694c88755865aa033dba80765f271a3e652edc715c54ede76e7acffb0665e95dec61bcd27be5"
        "719ff3a96c020842721285d1bf063b9995f0e9730505");
    QCOMPARE(v1, canonical(kAlice, 7, aliceList().devices(), kV1Tag));
    const SigningKeyPair account = signingKey('\x01');
    QCOMPARE(account.sign(v1), sig);
    const CryptoResult<DeviceList> legacy =
        DeviceList::verify(v1, sig, publicKeyOf(account), kAlice, 7);
    HEARTH_VERIFY_OK(legacy);
    QVERIFY(legacy->isLegacy());
    QCOMPARE(legacy->timestampMs(), 0);
    QCOMPARE(legacy->version(), 7u);
    QVERIFY(legacy->devices() == aliceList().devices());
    QCOMPARE(legacy->canonicalBytes(), v1);
    QVERIFY(DeviceList::isLegacyBytes(v1));
    QVERIFY(!DeviceList::isLegacyBytes(aliceList().canonicalBytes()));
    // Same version, same devices, other format: other bytes (an owner republishing v1 as v2
    // takes the next version).
    QVERIFY(legacy->canonicalBytes() != aliceList().canonicalBytes());
}

void TestDeviceList::roundTrip() {
    const SigningKeyPair account = SigningKeyPair::generate();
    const DeviceList list = aliceList();
    const CryptoResult<DeviceList> verified =
        verifyJoined(published(list, account), publicKeyOf(account), kAlice, 0);
    HEARTH_VERIFY_OK(verified);
    QVERIFY(*verified == list);
    // What the relay checks on put_device_list: a plain Ed25519 signature of the list bytes.
    QVERIFY(verifySignature(account.publicKey(), list.canonicalBytes(), list.sign(account)));
    HEARTH_COMPARE_ERROR(DeviceList::verify(list.canonicalBytes(), list.sign(account).chopped(1),
                                            publicKeyOf(account), kAlice, 0),
                         CryptoError::Malformed);
    QCOMPARE(verified->version(), 7u);
    QCOMPARE(verified->timestampMs(), kSignedAt);
    QVERIFY(!verified->isLegacy());
    QCOMPARE(verified->devices().size(), 2);
}

void TestDeviceList::createSortsAndFinds() {
    const DeviceList list = aliceList();
    QCOMPARE(list.devices()[0].id.value, 1u);
    QCOMPARE(list.devices()[1].id.value, 2u);
    QVERIFY(list.find(DeviceId{2}) != nullptr);
    QVERIFY(*list.find(DeviceId{2}) == device(2, '\x22', '\x23'));
    QCOMPARE(list.find(DeviceId{3}), nullptr);
    QCOMPARE(list.find(DeviceId{0}), nullptr);
    const DeviceList empty = std::move(DeviceList::create(kAlice, 1, kSignedAt, {}).value());
    QCOMPARE(empty.find(DeviceId{1}), nullptr);
}

void TestDeviceList::createRefuses_data() {
    QTest::addColumn<QString>("user");
    QTest::addColumn<QList<quint64>>("ids");
    QTest::addColumn<bool>("sameKeys");
    QTest::newRow("empty user") << QString() << QList<quint64>{1} << false;
    QTest::newRow("user too long") << QString(65, u'a') << QList<quint64>{1} << false;
    QTest::newRow("device id 0") << u"alice"_s << QList<quint64>{0, 1} << false;
    QTest::newRow("repeated id") << u"alice"_s << QList<quint64>{4, 4} << false;
    QTest::newRow("repeated signing key") << u"alice"_s << QList<quint64>{4, 5} << true;
}

void TestDeviceList::createRefuses() {
    QFETCH(QString, user);
    QFETCH(QList<quint64>, ids);
    QFETCH(bool, sameKeys);
    QList<DeviceKeys> devices;
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const char fill = sameKeys ? '\x30' : static_cast<char>(0x30 + i);
        devices.append(device(ids[i], fill, fill));
    }
    HEARTH_COMPARE_ERROR(DeviceList::create(UserId{user}, 1, kSignedAt, devices),
                         CryptoError::InvalidArgument);
}

void TestDeviceList::everyFlippedByteRefused() {
    const SigningKeyPair account = signingKey('\x01');
    const QByteArray good = published(aliceList(), account);
    for (qsizetype i = 0; i < good.size(); ++i) {
        // Any change to what the account signed, or to the signature, fails the signature.
        HEARTH_COMPARE_ERROR(verifyJoined(flipped(good, i), publicKeyOf(account), kAlice, 0),
                             CryptoError::BadSignature);
    }
}

void TestDeviceList::everyTruncationRefused() {
    const SigningKeyPair account = signingKey('\x01');
    const QByteArray good = published(aliceList(), account);
    for (qsizetype size = 0; size < good.size(); ++size) {
        const CryptoResult<DeviceList> result =
            verifyJoined(good.first(size), publicKeyOf(account), kAlice, 0);
        QVERIFY2(!result.ok(), qPrintable(QString::number(size)));
        QVERIFY(result.error() == CryptoError::BadSignature ||
                result.error() == CryptoError::Malformed);
    }
}

void TestDeviceList::wrongSigner() {
    // Signed by a device key, or by a relay's own key, instead of the account key.
    const QByteArray forged = published(aliceList(), signingKey('\x09'));
    HEARTH_COMPARE_ERROR(verifyJoined(forged, publicKeyOf(signingKey('\x01')), kAlice, 0),
                         CryptoError::BadSignature);
}

void TestDeviceList::injectedDeviceRefused() {
    const SigningKeyPair account = signingKey('\x01');
    const QByteArray good = published(aliceList(), account);
    // The relay adds its own device to the list and keeps the account's signature.
    QList<DeviceKeys> devices = aliceList().devices();
    devices.append(device(3, '\x66', '\x67'));
    const QByteArray injected = canonical(kAlice, 7, devices) + good.last(kSignatureSize);
    HEARTH_COMPARE_ERROR(verifyJoined(injected, publicKeyOf(account), kAlice, 0),
                         CryptoError::BadSignature);
}

void TestDeviceList::wrongUser() {
    const SigningKeyPair account = signingKey('\x01');
    HEARTH_COMPARE_ERROR(verifyJoined(published(aliceList(), account), publicKeyOf(account),
                                      UserId{u"mallory"_s}, 0),
                         CryptoError::WrongSender);
}

void TestDeviceList::rollbackRefused() {
    const SigningKeyPair account = signingKey('\x01');
    const QByteArray signedList = published(aliceList(), account); // version 7
    HEARTH_VERIFY_OK(verifyJoined(signedList, publicKeyOf(account), kAlice, 7));
    HEARTH_COMPARE_ERROR(verifyJoined(signedList, publicKeyOf(account), kAlice, 8),
                         CryptoError::StaleDeviceList);
}

void TestDeviceList::unsortedRefused() {
    // Even the account's own signature does not make a non-canonical list acceptable: one list,
    // one byte string.
    const SigningKeyPair account = signingKey('\x01');
    const QByteArray body =
        canonical(kAlice, 1, {device(2, '\x22', '\x23'), device(1, '\x12', '\x13')});
    HEARTH_COMPARE_ERROR(verifyJoined(signedBy(account, body), publicKeyOf(account), kAlice, 0),
                         CryptoError::NonCanonical);
}

void TestDeviceList::duplicateRefused() {
    const SigningKeyPair account = signingKey('\x01');
    const QByteArray sameId =
        canonical(kAlice, 1, {device(1, '\x12', '\x13'), device(1, '\x22', '\x23')});
    HEARTH_COMPARE_ERROR(verifyJoined(signedBy(account, sameId), publicKeyOf(account), kAlice, 0),
                         CryptoError::NonCanonical);
    const QByteArray sameKey =
        canonical(kAlice, 1, {device(1, '\x12', '\x13'), device(2, '\x12', '\x23')});
    HEARTH_COMPARE_ERROR(verifyJoined(signedBy(account, sameKey), publicKeyOf(account), kAlice, 0),
                         CryptoError::NonCanonical);
    const QByteArray zeroId = canonical(kAlice, 1, {device(0, '\x12', '\x13')});
    HEARTH_COMPARE_ERROR(verifyJoined(signedBy(account, zeroId), publicKeyOf(account), kAlice, 0),
                         CryptoError::NonCanonical);
}

void TestDeviceList::trailingBytesRefused() {
    const SigningKeyPair account = signingKey('\x01');
    const QByteArray body = aliceList().canonicalBytes() + "x"_ba;
    HEARTH_COMPARE_ERROR(verifyJoined(signedBy(account, body), publicKeyOf(account), kAlice, 0),
                         CryptoError::Malformed);
    // A count that claims more devices than there are.
    QByteArray shortBody = aliceList().canonicalBytes();
    shortBody.chop(1);
    HEARTH_COMPARE_ERROR(
        verifyJoined(signedBy(account, shortBody), publicKeyOf(account), kAlice, 0),
        CryptoError::Malformed);
}

void TestDeviceList::otherVersionTag() {
    const SigningKeyPair account = signingKey('\x01');
    const QByteArray v3 = canonical(kAlice, 1, {device(1, '\x12', '\x13')},
                                    QByteArrayView("hearth-device-list-v3\0", 22));
    HEARTH_COMPARE_ERROR(verifyJoined(signedBy(account, v3), publicKeyOf(account), kAlice, 0),
                         CryptoError::UnsupportedVersion);
    const QByteArray other = canonical(kAlice, 1, {device(1, '\x12', '\x13')},
                                       QByteArrayView("hearth-auth-v1\0\0\0\0\0\0\0\0", 22));
    HEARTH_COMPARE_ERROR(verifyJoined(signedBy(account, other), publicKeyOf(account), kAlice, 0),
                         CryptoError::Malformed);
}

QTEST_GUILESS_MAIN(TestDeviceList)
#include "tst_device_list.moc"
