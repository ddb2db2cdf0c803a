// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared by the crypto tests: deterministic randomness for known-answer vectors, readable
// CryptoError comparisons, and byte helpers.

#include "crypto/crypto_result.h"
#include "crypto/dh_key.h"
#include "crypto/group_session_key.h"
#include "crypto/secret_bytes.h"
#include "crypto/signing_key.h"

#include <QByteArray>
#include <QStringList>
#include <QTest>
#include <sodium.h>

namespace hearth::crypto {

//! Lets QCOMPARE print error names.
inline char *toString(CryptoError error) {
    return qstrdup(cryptoErrorName(error));
}

} // namespace hearth::crypto

namespace hearth::crypto::test {

//! While an instance lives, libsodium's randombytes_* return the bytes start, start+1, ...
//! (mod 256) instead of the system CSPRNG: every key, nonce and id made by the production code is
//! then fixed, so whole envelopes can be compared with known answers. Outside a scope the real
//! generator is used.
// why: swapping libsodium's RNG implementation is a seam that needs no test-only production API.
class DeterministicRandom final {
public:
    explicit DeterministicRandom(quint8 start = 0) {
        install();
        state().active = true;
        state().next = start;
    }
    ~DeterministicRandom() { state().active = false; }
    DeterministicRandom(const DeterministicRandom &) = delete;
    DeterministicRandom &operator=(const DeterministicRandom &) = delete;

    //! Routes libsodium's generator through this class; the real one stays the default.
    static void install() {
        static randombytes_implementation impl = {&name, &random, &stir, nullptr, &buf, &close};
        static const bool installed = [] {
            randombytes_set_implementation(&impl);
            return sodium_init() >= 0;
        }();
        QVERIFY(installed);
    }

private:
    struct State {
        bool active = false;
        quint8 next = 0;
    };
    static State &state() {
        static State s;
        return s;
    }
    static const char *name() { return "hearth-test-deterministic"; }
    static void buf(void *out, size_t size) {
        if (!state().active) {
            randombytes_sysrandom_implementation.buf(out, size);
            return;
        }
        auto *bytes = static_cast<unsigned char *>(out);
        for (size_t i = 0; i < size; ++i)
            bytes[i] = state().next++;
    }
    static uint32_t random() {
        uint32_t value = 0;
        buf(&value, sizeof value);
        return value;
    }
    static void stir() { randombytes_sysrandom_implementation.stir(); }
    static int close() { return randombytes_sysrandom_implementation.close(); }
};

inline QByteArray bytesOf(const SecretBytes &secret) {
    return QByteArray(reinterpret_cast<const char *>(secret.data()),
                      static_cast<qsizetype>(secret.size()));
}

//! `size` bytes start, start+1, ... (mod 256): the fixed ids and keys of known-answer vectors.
inline QByteArray counting(int start, int size) {
    QByteArray out(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        out[i] = static_cast<char>(start + i);
    return out;
}

//! `bytes` with byte `index` XORed with `mask`.
inline QByteArray flipped(QByteArray bytes, qsizetype index, char mask = 0x01) {
    bytes[index] = static_cast<char>(bytes[index] ^ mask);
    return bytes;
}

//! A fixed Ed25519 key pair: seed = 32 x `fill`.
inline SigningKeyPair signingKey(char fill) {
    return std::move(SigningKeyPair::fromSeed(QByteArray(32, fill)).value());
}

//! A fixed X25519 key pair: secret = 32 x `fill`.
inline DhKeyPair dhKey(char fill) {
    return std::move(DhKeyPair::fromSecretKey(QByteArray(32, fill)).value());
}

//! The session key of the known-answer vectors (tst_group_session_key, tst_key_backup): id
//! 80..8f, chain key 90..af at `index`, conversation 42, sender alice device 1 with
//! signingKey('\x01').
inline GroupSessionKey fixedSessionKey(quint32 index = 0) {
    using namespace Qt::Literals::StringLiterals;
    return std::move(
        GroupSessionKey::create(*SessionId::fromBytes(counting(0x80, 16)),
                                std::move(ChainKey::fromBytes(counting(0x90, 32), index).value()),
                                ConversationId{42}, DeviceAddress{UserId{u"alice"_s}, DeviceId{1}},
                                publicKeyOf(signingKey('\x01')))
            .value());
}

template <class T> const char *describe(const CryptoResult<T> &result) {
    return result.ok() ? "ok" : cryptoErrorName(result.error());
}

} // namespace hearth::crypto::test

//! Fails the test, naming the error, unless `expr` (a CryptoResult) succeeded.
#define HEARTH_VERIFY_OK(expr)                                                                     \
    do {                                                                                           \
        const auto &hearthResult_ = (expr);                                                        \
        QVERIFY2(hearthResult_.ok(), ::hearth::crypto::test::describe(hearthResult_));             \
    } while (false)

//! Fails the test unless `expr` (a CryptoResult) failed with exactly `err`.
#define HEARTH_COMPARE_ERROR(expr, err)                                                            \
    do {                                                                                           \
        const auto &hearthResult_ = (expr);                                                        \
        QVERIFY2(!hearthResult_.ok(), "expected an error, got success");                           \
        QCOMPARE(hearthResult_.error(), err);                                                      \
    } while (false)
