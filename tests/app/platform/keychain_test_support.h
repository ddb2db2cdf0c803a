// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared helpers of the keychain tests.

#include "app/keychain/store_key_keychain.h"
#include "crypto/secret_view.h"

#include <QTest>
#include <optional>

namespace hearth::test {

inline constexpr int kKeychainAnswerMs = 30'000; //!< bound on waiting for a keychain answer

inline crypto::StoreKey randomStoreKey() {
    const crypto::SecretBytes bytes = crypto::SecretBytes::generate(crypto::kStoreKeySize);
    return crypto::StoreKey::fromBytes(crypto::secretView(bytes)).value();
}

inline QByteArray bytesOf(const crypto::StoreKey &key) {
    return crypto::secretView(key.bytes()).toByteArray();
}

//! Holds the result of one asynchronous call, and how many times it came.
template <class R> struct Outcome final {
    std::optional<R> result;
    int calls = 0;
    auto callback() {
        return [this](R r) {
            ++calls;
            result.emplace(std::move(r));
        };
    }
};

} // namespace hearth::test

//! Fails unless `result` failed with `expected`; shows the failure otherwise.
#define EXPECT_KEYCHAIN_FAILURE(result, expected)                                                  \
    do {                                                                                           \
        QVERIFY(!(result).ok());                                                                   \
        QVERIFY2((result).error().code == (expected),                                              \
                 qPrintable(                                                                       \
                     QString::fromLatin1(hearth::app::keychainErrorName((result).error().code)) +  \
                     QStringLiteral(": ") + (result).error().message));                            \
    } while (false)

//! Fails unless `result` succeeded; shows the failure otherwise.
#define EXPECT_KEYCHAIN_OK(result)                                                                 \
    do {                                                                                           \
        if (!(result).ok())                                                                        \
            QFAIL(qPrintable(                                                                      \
                QString::fromLatin1(hearth::app::keychainErrorName((result).error().code)) +       \
                QStringLiteral(": ") + (result).error().message));                                 \
    } while (false)
