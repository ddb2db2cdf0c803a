// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The demo community's conventions, shared by hearth-demo-seed and the app (`hearth --demo`).
// Header-only (Qt Core), so the app needs no extra library to follow them.
//
// The demo is not private: its passphrase and account passwords are written here, its profiles
// use the cheapest key derivation, and anyone with the files can read them. It exists to show
// Hearth, never to hold anything real.

#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <memory>

namespace hearth::demo {

//! The member the app opens as with `--demo` (unless `--as <member>`).
inline constexpr auto kDemoUser = "sam";
//! Passphrase of every demo profile.
inline constexpr auto kDemoPassphrase = "demo";

//! Every demo member's user name, `sam` first.
[[nodiscard]] inline QStringList demoMembers() {
    return {QStringLiteral("sam"),   QStringLiteral("alice"), QStringLiteral("bob"),
            QStringLiteral("carol"), QStringLiteral("dave"),  QStringLiteral("erin")};
}

//! `$XDG_DATA_HOME/hearth/demo`: the demo profiles, their locks and the seeding marker.
[[nodiscard]] inline QString demoRootDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/hearth/demo");
}

//! `$XDG_DATA_HOME/hearth/demo/<member>`: the member's profile (store::Profile directory).
[[nodiscard]] inline QString demoProfileDirectory(const QString &member) {
    return demoRootDirectory() + QLatin1Char('/') + member;
}

//! The relay account password of a demo member: `hearth-demo-<member>`.
[[nodiscard]] inline QString demoAccountPassword(const QString &member) {
    return QStringLiteral("hearth-demo-") + member;
}

//! The lock whoever opens a demo member's profile holds while it is open (at most one
//! process opens a profile: two engines on one device would break its encryption sessions).
[[nodiscard]] inline QString demoLockPath(const QString &member) {
    return demoRootDirectory() + QLatin1Char('/') + member + QStringLiteral(".lock");
}

//! The file that asks the holder of `member`'s lock to let it go. `hearth-demo-seed --live`
//! watches it and stops playing that member; other holders may ignore it.
[[nodiscard]] inline QString demoReleaseRequestPath(const QString &member) {
    return demoRootDirectory() + QLatin1Char('/') + member + QStringLiteral(".release");
}

//! Takes `member`'s lock for this process, asking the live simulator to give the member up
//! if it plays them; null when another process still holds it after `timeoutMs`. Keep the
//! returned lock for as long as the profile is open.
[[nodiscard]] inline std::unique_ptr<QLockFile> claimDemoProfile(const QString &member,
                                                                 int timeoutMs = 5000) {
    QDir().mkpath(demoRootDirectory());
    auto lock = std::make_unique<QLockFile>(demoLockPath(member));
    lock->setStaleLockTime(0); // why: a lock lives as long as its process, however long
    if (lock->tryLock(0))
        return lock;
    QFile request(demoReleaseRequestPath(member));
    if (request.open(QIODevice::WriteOnly))
        request.close();
    const bool locked = lock->tryLock(timeoutMs);
    QFile::remove(demoReleaseRequestPath(member));
    return locked ? std::move(lock) : nullptr;
}

} // namespace hearth::demo
