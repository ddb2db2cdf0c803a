// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/attachment_cipher.h"
#include "crypto_test_support.h"

#include <QBuffer>
#include <QTemporaryFile>
#include <QTest>
#include <algorithm>

using namespace hearth::crypto;
using namespace hearth::crypto::test;
using namespace Qt::Literals::StringLiterals;

namespace {

QByteArray pattern(qsizetype size) {
    QByteArray out(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        out[i] = static_cast<char>((i * 7) % 251);
    return out;
}

//! A sequential source of `size` pattern bytes that never holds them all; records the largest
//! read asked of it.
class GeneratorDevice final : public QIODevice {
public:
    explicit GeneratorDevice(qint64 size)
        : m_size(size) {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }
    qint64 largestRead = 0;

protected:
    qint64 readData(char *data, qint64 maxSize) override {
        largestRead = std::max(largestRead, maxSize);
        const qint64 n = std::min(maxSize, m_size - m_pos);
        for (qint64 i = 0; i < n; ++i)
            data[i] = static_cast<char>(((m_pos + i) * 7) % 251);
        m_pos += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    qint64 m_size;
    qint64 m_pos = 0;
};

//! A sink that keeps only a BLAKE2b of what it is given; can be told to fail.
class HashingSink final : public QIODevice {
public:
    explicit HashingSink(bool failing = false)
        : m_failing(failing) {
        crypto_generichash_init(&m_state, nullptr, 0, 32);
        open(QIODevice::WriteOnly);
    }
    bool isSequential() const override { return true; }
    QByteArray digest() {
        QByteArray out(32, Qt::Uninitialized);
        crypto_generichash_final(&m_state, reinterpret_cast<unsigned char *>(out.data()), 32);
        return out;
    }
    qint64 total = 0;
    qint64 largestWrite = 0;

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override {
        if (m_failing)
            return -1;
        largestWrite = std::max(largestWrite, size);
        crypto_generichash_update(&m_state, reinterpret_cast<const unsigned char *>(data),
                                  static_cast<unsigned long long>(size));
        total += size;
        return size;
    }

private:
    crypto_generichash_state m_state;
    bool m_failing;
};

struct Encrypted {
    QByteArray ciphertext;
    EncryptedAttachment result;
};

Encrypted encrypt(const QByteArray &plaintext) {
    QByteArray source = plaintext;
    QBuffer in(&source);
    in.open(QIODevice::ReadOnly);
    QByteArray ciphertext;
    QBuffer out(&ciphertext);
    out.open(QIODevice::WriteOnly);
    CryptoResult<EncryptedAttachment> result = encryptAttachment(in, out);
    if (!result.ok())
        qFatal("encrypt failed: %s", cryptoErrorName(result.error()));
    return Encrypted{ciphertext, std::move(result).value()};
}

CryptoResult<qint64> decrypt(QByteArray ciphertext, const AttachmentKey &key,
                             const QByteArray &hash, QByteArray *plaintext = nullptr) {
    QBuffer in(&ciphertext);
    in.open(QIODevice::ReadOnly);
    QByteArray sink;
    QBuffer out(plaintext ? plaintext : &sink);
    out.open(QIODevice::WriteOnly);
    return decryptAttachment(in, out, key, hash);
}

QByteArray hashOf(const QByteArray &bytes) {
    QByteArray out(32, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char *>(out.data()), 32,
                       reinterpret_cast<const unsigned char *>(bytes.constData()),
                       static_cast<unsigned long long>(bytes.size()), nullptr, 0);
    return out;
}

//! A stream built directly with libsodium, with the tags the test chooses.
QByteArray craftStream(const AttachmentKey &key, const QList<QByteArray> &chunks,
                       const QList<unsigned char> &tags) {
    crypto_secretstream_xchacha20poly1305_state state;
    QByteArray out(24, Qt::Uninitialized);
    crypto_secretstream_xchacha20poly1305_init_push(
        &state, reinterpret_cast<unsigned char *>(out.data()), key.bytes().data());
    for (qsizetype i = 0; i < chunks.size(); ++i) {
        QByteArray c(chunks[i].size() + 17, Qt::Uninitialized);
        crypto_secretstream_xchacha20poly1305_push(
            &state, reinterpret_cast<unsigned char *>(c.data()), nullptr,
            reinterpret_cast<const unsigned char *>(chunks[i].constData()),
            static_cast<unsigned long long>(chunks[i].size()), nullptr, 0, tags[i]);
        out.append(c);
    }
    return out;
}

constexpr qsizetype kChunk = kAttachmentChunkSize;
constexpr qsizetype kCipherChunk = kAttachmentChunkSize + kAttachmentChunkOverhead;
constexpr unsigned char kMessage = crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
constexpr unsigned char kFinal = crypto_secretstream_xchacha20poly1305_TAG_FINAL;

} // namespace

class TestAttachmentCipher final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void knownAnswer();
    void roundTrip_data();
    void roundTrip();
    void keysAreRandom();
    void wrongKey();
    void wrongHash();
    void hashOfWrongSize();
    void everyFlippedByteRefused();
    void truncatedAtChunkBoundary();
    void truncatedInsideChunk();
    void reorderedChunks();
    void trailingData();
    void dataAfterFinalChunk();
    void noFinalChunk();
    void writeFailure();
    void readFailure();
    void streamsInConstantMemory();
};

void TestAttachmentCipher::initTestCase() {
    DeterministicRandom::install();
}

void TestAttachmentCipher::knownAnswer() {
    // Randomness 10 11 ...: key (32), then the secretstream header (24). 70000 bytes: two chunks.
    // Cross-checked with an independent Python version over libsodium.
    const Encrypted e = [] {
        const DeterministicRandom fixed(0x10);
        return encrypt(pattern(70000));
    }();
    QCOMPARE(bytesOf(e.result.key.bytes()).toHex(),
             "101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f"_ba);
    QCOMPARE(e.ciphertext.size(), 70058);
    QCOMPARE(
        e.ciphertext.first(48).toHex(),
        "303132333435363738393a3b3c3d3e3f40414243444546470bb4223bcc080ac4f6d33e1abc56d7f7622915c4fb5629e8"_ba);
    QCOMPARE(e.result.ciphertextHash.toHex(),
             "bbcb50356523ed10341e0a4003e355ed28b6b4f797c9e1caa5a56af33333eb3a"_ba);
}

void TestAttachmentCipher::roundTrip_data() {
    QTest::addColumn<qsizetype>("size");
    QTest::newRow("empty") << qsizetype(0);
    QTest::newRow("1") << qsizetype(1);
    QTest::newRow("chunk - 1") << kChunk - 1;
    QTest::newRow("chunk") << kChunk;
    QTest::newRow("chunk + 1") << kChunk + 1;
    QTest::newRow("3 chunks + 5") << 3 * kChunk + 5;
    QTest::newRow("4 chunks") << 4 * kChunk;
}

void TestAttachmentCipher::roundTrip() {
    QFETCH(qsizetype, size);
    const QByteArray plaintext = pattern(size);
    const Encrypted e = encrypt(plaintext);
    QCOMPARE(e.result.plaintextSize, size);
    QCOMPARE(e.result.ciphertextSize, e.ciphertext.size());
    QCOMPARE(e.result.ciphertextSize, attachmentCiphertextSize(size));
    QCOMPARE(e.result.ciphertextHash, hashOf(e.ciphertext));
    QByteArray decrypted;
    const CryptoResult<qint64> result =
        decrypt(e.ciphertext, e.result.key, e.result.ciphertextHash, &decrypted);
    HEARTH_VERIFY_OK(result);
    QCOMPARE(*result, size);
    QCOMPARE(decrypted, plaintext);
}

void TestAttachmentCipher::keysAreRandom() {
    const Encrypted a = encrypt("same"_ba);
    const Encrypted b = encrypt("same"_ba);
    QVERIFY(bytesOf(a.result.key.bytes()) != bytesOf(b.result.key.bytes()));
    QVERIFY(a.ciphertext != b.ciphertext);
}

void TestAttachmentCipher::wrongKey() {
    const Encrypted e = encrypt(pattern(1000));
    HEARTH_COMPARE_ERROR(decrypt(e.ciphertext, AttachmentKey::generate(), e.result.ciphertextHash),
                         CryptoError::DecryptionFailed);
    HEARTH_COMPARE_ERROR(AttachmentKey::fromBytes(QByteArray(31, 'k')), CryptoError::InvalidKey);
    const CryptoResult<AttachmentKey> copy =
        AttachmentKey::fromBytes(bytesOf(e.result.key.bytes()));
    HEARTH_VERIFY_OK(copy);
    HEARTH_VERIFY_OK(decrypt(e.ciphertext, *copy, e.result.ciphertextHash));
}

void TestAttachmentCipher::wrongHash() {
    const Encrypted e = encrypt(pattern(1000));
    HEARTH_COMPARE_ERROR(decrypt(e.ciphertext, e.result.key, flipped(e.result.ciphertextHash, 31)),
                         CryptoError::HashMismatch);
}

void TestAttachmentCipher::hashOfWrongSize() {
    const Encrypted e = encrypt(pattern(10));
    HEARTH_COMPARE_ERROR(decrypt(e.ciphertext, e.result.key, e.result.ciphertextHash.first(16)),
                         CryptoError::InvalidArgument);
}

void TestAttachmentCipher::everyFlippedByteRefused() {
    const Encrypted e = encrypt(pattern(100));
    for (qsizetype i = 0; i < e.ciphertext.size(); ++i) {
        HEARTH_COMPARE_ERROR(
            decrypt(flipped(e.ciphertext, i), e.result.key, e.result.ciphertextHash),
            CryptoError::DecryptionFailed);
    }
}

void TestAttachmentCipher::truncatedAtChunkBoundary() {
    const Encrypted e = encrypt(pattern(2 * kChunk + 100));
    for (qsizetype size :
         {qsizetype(0), qsizetype(10), kAttachmentHeaderSize, kAttachmentHeaderSize + kCipherChunk,
          kAttachmentHeaderSize + 2 * kCipherChunk}) {
        HEARTH_COMPARE_ERROR(
            decrypt(e.ciphertext.first(size), e.result.key, e.result.ciphertextHash),
            CryptoError::Truncated);
    }
}

void TestAttachmentCipher::truncatedInsideChunk() {
    const Encrypted e = encrypt(pattern(2 * kChunk + 100));
    for (qsizetype cut : {qsizetype(1), qsizetype(16), qsizetype(17), qsizetype(1000)}) {
        const CryptoResult<qint64> result =
            decrypt(e.ciphertext.chopped(cut), e.result.key, e.result.ciphertextHash);
        QVERIFY(!result.ok());
        QCOMPARE(result.error(), CryptoError::DecryptionFailed);
    }
}

void TestAttachmentCipher::reorderedChunks() {
    const Encrypted e = encrypt(pattern(3 * kChunk));
    const qsizetype h = kAttachmentHeaderSize;
    const QByteArray swapped =
        e.ciphertext.first(h) + e.ciphertext.mid(h + kCipherChunk, kCipherChunk) +
        e.ciphertext.mid(h, kCipherChunk) + e.ciphertext.mid(h + 2 * kCipherChunk);
    QCOMPARE(swapped.size(), e.ciphertext.size());
    HEARTH_COMPARE_ERROR(decrypt(swapped, e.result.key, hashOf(swapped)),
                         CryptoError::DecryptionFailed);
}

void TestAttachmentCipher::trailingData() {
    // Every chunk but the last is exactly one chunk long, so the end of a stream is where the
    // input ends. Bytes after a full final chunk are seen as such...
    const Encrypted full = encrypt(pattern(kChunk));
    HEARTH_COMPARE_ERROR(
        decrypt(full.ciphertext + "!"_ba, full.result.key, full.result.ciphertextHash),
        CryptoError::TrailingData);
    // ...bytes after a short final chunk become part of it, which then fails to authenticate.
    const Encrypted small = encrypt(pattern(500));
    HEARTH_COMPARE_ERROR(
        decrypt(small.ciphertext + "!"_ba, small.result.key, small.result.ciphertextHash),
        CryptoError::DecryptionFailed);
}

void TestAttachmentCipher::dataAfterFinalChunk() {
    const AttachmentKey key = AttachmentKey::generate();
    const QByteArray stream = craftStream(key, {pattern(kChunk), "b"_ba}, {kFinal, kFinal});
    HEARTH_COMPARE_ERROR(decrypt(stream, key, hashOf(stream)), CryptoError::TrailingData);
}

void TestAttachmentCipher::noFinalChunk() {
    // Every chunk authentic, but the FINAL one was dropped.
    const AttachmentKey key = AttachmentKey::generate();
    const QByteArray stream =
        craftStream(key, {pattern(kChunk), pattern(kChunk)}, {kMessage, kMessage});
    HEARTH_COMPARE_ERROR(decrypt(stream, key, hashOf(stream)), CryptoError::Truncated);
    const QByteArray good = craftStream(key, {pattern(kChunk), "b"_ba}, {kMessage, kFinal});
    QByteArray plaintext;
    HEARTH_VERIFY_OK(decrypt(good, key, hashOf(good), &plaintext));
    QCOMPARE(plaintext, pattern(kChunk) + "b"_ba);
}

void TestAttachmentCipher::writeFailure() {
    QByteArray source = pattern(100);
    QBuffer in(&source);
    in.open(QIODevice::ReadOnly);
    HashingSink failing(true);
    HEARTH_COMPARE_ERROR(encryptAttachment(in, failing), CryptoError::IoError);
    const Encrypted e = encrypt(pattern(100));
    QByteArray ciphertext = e.ciphertext;
    QBuffer cin(&ciphertext);
    cin.open(QIODevice::ReadOnly);
    HashingSink failingOut(true);
    HEARTH_COMPARE_ERROR(decryptAttachment(cin, failingOut, e.result.key, e.result.ciphertextHash),
                         CryptoError::IoError);
}

void TestAttachmentCipher::readFailure() {
    QBuffer closed; // never opened: read() returns -1
    HashingSink sink;
    QTest::ignoreMessage(QtWarningMsg, "QIODevice::read (QBuffer): device not open");
    HEARTH_COMPARE_ERROR(encryptAttachment(closed, sink), CryptoError::IoError);
}

void TestAttachmentCipher::streamsInConstantMemory() {
    // 48 MiB + 3 through a generator and a file: no read or write is larger than one chunk,
    // so the cipher never holds more than a chunk or two whatever the size (1 GiB in the
    // benchmark).
    const qint64 size = 48 * 1024 * 1024 + 3;
    GeneratorDevice source(size);
    QTemporaryFile file;
    QVERIFY(file.open());
    const CryptoResult<EncryptedAttachment> encrypted = encryptAttachment(source, file);
    HEARTH_VERIFY_OK(encrypted);
    QCOMPARE(encrypted->plaintextSize, size);
    QCOMPARE(file.size(), attachmentCiphertextSize(size));
    QVERIFY(source.largestRead <= kChunk);

    QVERIFY(file.seek(0));
    HashingSink sink;
    const CryptoResult<qint64> decrypted =
        decryptAttachment(file, sink, encrypted->key, encrypted->ciphertextHash);
    HEARTH_VERIFY_OK(decrypted);
    QCOMPARE(*decrypted, size);
    QVERIFY(sink.largestWrite <= kChunk);

    GeneratorDevice again(size);
    HashingSink expected;
    QByteArray block(kChunk, Qt::Uninitialized);
    for (qint64 n; (n = again.read(block.data(), block.size())) > 0;)
        expected.write(block.constData(), n);
    QCOMPARE(sink.digest(), expected.digest());
}

QTEST_GUILESS_MAIN(TestAttachmentCipher)
#include "tst_attachment_cipher.moc"
