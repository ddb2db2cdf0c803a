// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/sync_engine.h"
#include "tests/support/relay_process.h"

#include <QTemporaryDir>
#include <QUrl>
#include <functional>
#include <memory>
#include <optional>

namespace hearth::test {

//! Generous wait for engine tests (a sanitizer build on two busy cores is slow).
inline constexpr int kEngineWaitMs = 30000;
inline constexpr auto kTestPassphrase = "correct horse battery staple";
inline constexpr auto kTestPassword = "password-for-tests";

//! One device: a real SQLCipher profile in a temporary directory (Argon2id at minimum cost)
//! and an engine over it. reopen() destroys the engine and opens the profile again, as an app
//! restart does.
class TestDevice final {
public:
    TestDevice();
    ~TestDevice();

    [[nodiscard]] engine::SyncEngine &engine() { return *m_engine; }
    engine::SyncEngine *operator->() { return m_engine.get(); }
    [[nodiscard]] const QString &directory() const { return m_directory; }

    //! Closes the engine (and its store) and opens the profile again; false on failure.
    [[nodiscard]] bool reopen();
    //! Destroys the engine only (the profile stays on disk).
    void close() { m_engine.reset(); }

    //! register / add device, waiting for the result; an error message, or empty on success.
    [[nodiscard]] QString registerAccount(const QUrl &relay, const QString &user);
    [[nodiscard]] QString addDevice(const QUrl &relay, const QString &user);

    //! Waits for the engine to finish its next catch-up (after a reconnect).
    [[nodiscard]] bool waitCaughtUp(int timeoutMs = kEngineWaitMs);

    //! (seq, sender, text) of every timeline event of `conversation`, as one comparable string.
    [[nodiscard]] QStringList history(hearth::ConversationId conversation);
    //! The texts of the decrypted messages of `conversation`, in seq order.
    [[nodiscard]] QStringList texts(hearth::ConversationId conversation);
    [[nodiscard]] qint64 unread(hearth::ConversationId conversation);
    [[nodiscard]] quint64 readMarker(hearth::ConversationId conversation);

private:
    void openEngine();

    QTemporaryDir m_dir;
    QString m_directory;
    std::unique_ptr<engine::SyncEngine> m_engine;
    bool m_caughtUp = false;
};

//! Runs `operation` and waits for its completion; the error message, or empty on success.
[[nodiscard]] QString await(const std::function<void(engine::Completion)> &operation,
                            int timeoutMs = kEngineWaitMs);

//! Creates a conversation and waits; nullopt (with a warning) on failure.
[[nodiscard]] std::optional<hearth::ConversationId>
createConversation(engine::SyncEngine &engine, hearth::ConversationKind kind,
                   const QStringList &members, const QString &title = {});

//! Registers `user`'s second device on `second` and has `first` approve it with the code
//! `second` shows (waits for its approval request, then for the account key to arrive).
[[nodiscard]] QString addApprovedDevice(TestDevice &first, TestDevice &second, const QUrl &relay);

} // namespace hearth::test
