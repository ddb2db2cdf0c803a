// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace hearth::bench {

//! What the desktop app benchmark opens: a real profile (Argon2id at the interactive cost) with
//! an account, kConversations conversations and `messages` decrypted text messages.
struct AppProfileSpec final {
    QString directory;
    QByteArray passphrase;
    quint64 messages = 1'000'000;
};

//! Conversations in the generated profile; conversation 1 holds half of the messages.
inline constexpr int kAppConversations = 20;

//! Makes the profile unless `spec.directory` already holds one made for the same spec (a
//! marker file records it); otherwise removes the directory and generates it again. Progress
//! goes to stdout; fails (qFatal) on any store error.
void ensureAppProfile(const AppProfileSpec &spec);

} // namespace hearth::bench
