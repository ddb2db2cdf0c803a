// SPDX-License-Identifier: GPL-3.0-or-later
// hearth-bench-crypto: what crypto/ costs on one core (docs/benchmarks-crypto.md).
//   group messages: encrypt+sign and verify+decrypt of 1 KiB messages per second
//   key sharing: a new session sealed to 100 and 500 member devices (CPU time, bytes)
//   attachments: secretstream encryption and decryption MB/s, peak memory while streaming
// Not a test: run it on a release build, idle machine: hearth-bench-crypto [--quick]
#include "crypto/attachment_cipher.h"
#include "crypto/dh_key.h"
#include "crypto/group_envelope.h"
#include "crypto/inbound_group_session.h"
#include "crypto/outbound_group_session.h"
#include "crypto/pairwise_channel.h"
#include "crypto/replay_guard.h"
#include "crypto/secret_view.h"
#include "crypto/signing_key.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QSysInfo>
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <numeric>
#include <random>
#include <sodium.h>
#include <sys/resource.h>
#include <vector>

using namespace hearth;
using namespace hearth::crypto;
using namespace Qt::Literals::StringLiterals;

namespace {

//! CPU seconds used by this thread (what "per core" means here).
double cpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

long maxRssKiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

template <class T> T check(CryptoResult<T> result, const char *what) {
    if (!result.ok())
        qFatal("%s failed: %s", what, cryptoErrorName(result.error()));
    return std::move(result).value();
}

//! A sequential source of `size` bytes that never holds more than the caller's buffer.
class ZeroSource final : public QIODevice {
public:
    explicit ZeroSource(qint64 size)
        : m_left(size) {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override {
        const qint64 n = std::min(maxSize, m_left);
        std::memset(data, 0x5a, size_t(n));
        m_left -= n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    qint64 m_left;
};

//! Discards what it is given.
class NullSink final : public QIODevice {
public:
    NullSink() { open(QIODevice::WriteOnly); }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64 size) override { return size; }
};

void primitives(int n) {
    const SigningKeyPair key = SigningKeyPair::generate();
    const QByteArray message(1024, 'm');
    const QByteArray signature = key.sign(message);
    double t0 = cpuSeconds();
    for (int i = 0; i < n; ++i)
        (void)key.sign(message);
    const double sign = double(n) / (cpuSeconds() - t0);
    t0 = cpuSeconds();
    for (int i = 0; i < n; ++i)
        (void)verifySignature(key.publicKey(), message, signature);
    const double verify = double(n) / (cpuSeconds() - t0);
    unsigned char sk[32], pk[32], out[32];
    randombytes_buf(sk, 32);
    crypto_scalarmult_base(pk, sk);
    t0 = cpuSeconds();
    int failures = 0;
    for (int i = 0; i < n; ++i)
        failures += crypto_scalarmult(out, sk, pk) != 0;
    if (failures != 0)
        qFatal("X25519 failed");
    const double x25519 = double(n) / (cpuSeconds() - t0);
    std::printf("primitives (libsodium %s, per core, 1 KiB message)\n", sodium_version_string());
    std::printf("  Ed25519 sign      %9.0f /s\n", sign);
    std::printf("  Ed25519 verify    %9.0f /s\n", verify);
    std::printf("  X25519            %9.0f /s\n\n", x25519);
}

//! Rates (per second) of the blocks of one measurement: the VM this runs on is noisy, so the
//! median and the best block are reported, never a single run.
struct Rates {
    std::vector<double> perBlock;
    void add(int count, double seconds) { perBlock.push_back(double(count) / seconds); }
    double median() const {
        std::vector<double> sorted = perBlock;
        std::sort(sorted.begin(), sorted.end());
        return sorted[sorted.size() / 2];
    }
    double best() const { return *std::max_element(perBlock.begin(), perBlock.end()); }
};

void printRates(const char *what, const Rates &rates) {
    std::printf("  %-36s median %7.0f /s (%5.1f us)  best %7.0f /s\n", what, rates.median(),
                1e6 / rates.median(), rates.best());
}

void groupMessages(int blocks, int perBlock) {
    const DeviceAddress alice{UserId{u"alice"_s}, DeviceId{1}};
    const ConversationId conversation{7};
    const SigningKeyPair key = SigningKeyPair::generate();
    OutboundGroupSession out =
        check(OutboundGroupSession::create(conversation, alice, key, 0), "create");
    InboundGroupSession in = InboundGroupSession::fromKey(out.sessionKey(), KeyOrigin::Shared);
    InboundGroupSession shuffledIn =
        InboundGroupSession::fromKey(out.sessionKey(), KeyOrigin::Shared);
    const SigningPublicKey publicKey = publicKeyOf(key);
    const QByteArray plaintext(1024, 'p');
    Rates encrypt, verifyOnly, decrypt, shuffled;
    qsizetype envelopeSize = 0;
    std::mt19937 random(42);

    for (int b = 0; b < blocks; ++b) {
        std::vector<QByteArray> envelopes;
        envelopes.reserve(size_t(perBlock));
        double t0 = cpuSeconds();
        for (int i = 0; i < perBlock; ++i)
            envelopes.push_back(check(out.encrypt(plaintext, key), "encrypt"));
        encrypt.add(perBlock, cpuSeconds() - t0);
        envelopeSize = envelopes.front().size();

        // The bare Ed25519 check of the same envelopes, right before: the limit to compare with.
        std::vector<QByteArray> inputs;
        for (const QByteArray &envelope : envelopes)
            inputs.push_back(
                groupSignatureInput(conversation, alice, QByteArrayView(envelope).chopped(64)));
        t0 = cpuSeconds();
        int bad = 0;
        for (size_t i = 0; i < envelopes.size(); ++i)
            bad += !verifySignature(publicKey.bytes(), inputs[i],
                                    QByteArrayView(envelopes[i]).last(64));
        verifyOnly.add(perBlock, cpuSeconds() - t0);
        if (bad != 0)
            qFatal("signature check failed");

        t0 = cpuSeconds();
        for (const QByteArray &envelope : envelopes)
            (void)check(in.decrypt(envelope, conversation, alice), "decrypt");
        decrypt.add(perBlock, cpuSeconds() - t0);

        // Out of order within the block: keys behind the cursor come from checkpoints.
        std::shuffle(envelopes.begin(), envelopes.end(), random);
        t0 = cpuSeconds();
        for (const QByteArray &envelope : envelopes)
            (void)check(shuffledIn.decrypt(envelope, conversation, alice), "decrypt");
        shuffled.add(perBlock, cpuSeconds() - t0);
    }

    std::printf("group messages: 1 KiB plaintext, %lld-byte envelope, %d blocks of %d\n",
                static_cast<long long>(envelopeSize), blocks, perBlock);
    printRates("encrypt + sign", encrypt);
    printRates("Ed25519 verify alone (same inputs)", verifyOnly);
    printRates("verify + decrypt, in order", decrypt);
    printRates("verify + decrypt, shuffled in block", shuffled);
    std::printf("  verify + decrypt vs verify alone: %.0f%% of the bare signature check rate\n\n",
                100.0 * decrypt.median() / verifyOnly.median());
}

void shareSession(int devices, int rounds) {
    const DeviceAddress alice{UserId{u"alice"_s}, DeviceId{1}};
    const SigningKeyPair key = SigningKeyPair::generate();
    std::vector<DeviceAddress> addresses;
    std::vector<DhKeyPair> recipientKeys;
    for (int i = 0; i < devices; ++i) {
        addresses.push_back(DeviceAddress{UserId{u"member%1"_s.arg(i / 3, 4, 10, QChar(u'0'))},
                                          DeviceId{quint64(i + 10)}});
        recipientKeys.push_back(DhKeyPair::generate());
    }
    std::vector<DhPublicKey> publicKeys;
    for (const DhKeyPair &k : recipientKeys)
        publicKeys.push_back(publicKeyOf(k));

    double best = 1e9;
    qint64 bytes = 0;
    std::vector<QByteArray> last;
    for (int round = 0; round < rounds; ++round) {
        std::vector<QByteArray> messages;
        messages.reserve(size_t(devices));
        const double t0 = cpuSeconds();
        // What the engine does on rotation: a new session, its key, one pairwise message each.
        const OutboundGroupSession session =
            check(OutboundGroupSession::create(ConversationId{7}, alice, key, 0), "create");
        const SecretBytes sessionKey = session.sessionKey().serialize();
        for (int i = 0; i < devices; ++i)
            messages.push_back(
                check(sealPairwise(alice, key, addresses[size_t(i)], publicKeys[size_t(i)],
                                   secretView(sessionKey), 1700000000000),
                      "seal"));
        best = std::min(best, cpuSeconds() - t0);
        bytes = 0;
        for (const QByteArray &m : messages)
            bytes += m.size();
        last = std::move(messages);
    }

    // Receiving side, per device: open the pairwise message and import the session.
    InMemoryReplayGuard guard;
    const SigningPublicKey alicePublic = publicKeyOf(key);
    const double t0 = cpuSeconds();
    for (int i = 0; i < devices; ++i) {
        PairwiseMessage message =
            check(openPairwise(last[size_t(i)], addresses[size_t(i)], recipientKeys[size_t(i)],
                               alice, alicePublic, guard),
                  "open");
        (void)check(InboundGroupSession::fromPairwise(message, alicePublic), "import");
    }
    const double receive = (cpuSeconds() - t0) / devices;

    std::printf("share a new session with %d devices (best of %d)\n", devices, rounds);
    std::printf("  sender CPU         %8.2f ms  (%.1f us per device)\n", best * 1e3,
                best / devices * 1e6);
    std::printf("  bytes              %8lld     (%lld per pairwise message, %d messages)\n",
                static_cast<long long>(bytes), static_cast<long long>(bytes / devices), devices);
    std::printf("  receiver CPU       %8.1f us per device (open + import)\n\n", receive * 1e6);
}

void attachments(qint64 encryptBytes, qint64 decryptBytes) {
    const long rssBefore = maxRssKiB();
    ZeroSource source(encryptBytes);
    NullSink sink;
    double t0 = cpuSeconds();
    const EncryptedAttachment encrypted = check(encryptAttachment(source, sink), "attachment");
    const double encrypt = cpuSeconds() - t0;
    const long rssAfter = maxRssKiB();

    ZeroSource smallSource(decryptBytes);
    QByteArray ciphertext;
    ciphertext.reserve(attachmentCiphertextSize(decryptBytes));
    QBuffer cipherOut(&ciphertext);
    cipherOut.open(QIODevice::WriteOnly);
    const EncryptedAttachment small = check(encryptAttachment(smallSource, cipherOut), "encrypt");
    QBuffer cipherIn(&ciphertext);
    cipherIn.open(QIODevice::ReadOnly);
    NullSink plainOut;
    t0 = cpuSeconds();
    (void)check(decryptAttachment(cipherIn, plainOut, small.key, small.ciphertextHash), "decrypt");
    const double decrypt = cpuSeconds() - t0;

    const double mib = 1024.0 * 1024.0;
    std::printf("attachments (secretstream, 64 KiB chunks, BLAKE2b of the ciphertext)\n");
    std::printf("  encrypt %6.0f MiB streamed  %8.0f MiB/s  (peak RSS %ld -> %ld KiB)\n",
                double(encrypted.plaintextSize) / mib, double(encryptBytes) / mib / encrypt,
                rssBefore, rssAfter);
    std::printf("  decrypt %6.0f MiB in memory %8.0f MiB/s\n", double(decryptBytes) / mib,
                double(decryptBytes) / mib / decrypt);
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(u"--quick"_s);
    ensureInitialised();
    std::printf("hearth-bench-crypto: %s, %s, single thread\n\n",
                qPrintable(QSysInfo::prettyProductName()),
                qPrintable(QSysInfo::currentCpuArchitecture()));
    // Streaming first, so the peak RSS it reports is not raised by the phases after it.
    attachments(quick ? 64ll << 20 : 1ll << 30, quick ? 16ll << 20 : 256ll << 20);
    std::printf("\n");
    primitives(quick ? 2000 : 20000);
    groupMessages(quick ? 3 : 11, 5000);
    shareSession(100, quick ? 3 : 20);
    shareSession(500, quick ? 3 : 10);
    return 0;
}
