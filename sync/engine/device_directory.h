// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/engine_context.h"
#include "sync/protocol/replies.h"
#include "sync/store/contact_store.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>

namespace hearth::engine {

//! One entry of a relay's (unsigned) `devices` reply.
struct RelayDevice final {
    DeviceId id;
    QByteArray signKey;
    QByteArray dhKey;
    QString name;
};

//! Who may receive keys: fetches users' device lists from the relay, verifies them against the
//! pinned account key, refuses a changed account key, a rolled-back or equivocating list, and
//! stores what verified. A contact's account key is pinned on first sight (TOFU, compared by
//! safety number); this account's own key never comes from the relay: it is pinned where it
//! was made or from the verified approval grant (OwnDevices). Only devices on a verified list are
//! trusted; a device the relay lists without that signature is reported (untrustedDevice) and gets
//! nothing.
class DeviceDirectory final : public QObject {
    Q_OBJECT

public:
    DeviceDirectory(EngineContext &context, QObject *parent = nullptr);

    //! Fetches and verifies `user`'s devices now (requests for the same user are coalesced).
    void refresh(const UserId &user, Completion done);
    //! Refreshes the users not fetched since the last connect or `devices` push.
    void ensureFresh(const QList<UserId> &users, Completion done);
    //! Fetches `device.user`'s list again because `device` is not on it (it may have just been
    //! approved), at most once per device per connection and `devices` push: an unsigned device
    //! that sends many messages costs one fetch, not one per message. `done` runs at once
    //! (with no error) when this device was looked up already.
    void recheckUnlisted(const DeviceAddress &device, Completion done);
    //! Forgets freshness (a `devices` push, or a new connection).
    void invalidate(const UserId &user);
    void invalidateAll();

    //! Devices on `user`'s verified list and not blocked, by id.
    [[nodiscard]] QList<store::KnownDevice> trustedDevices(const UserId &user);
    [[nodiscard]] std::optional<store::KnownDevice> trustedDevice(const DeviceAddress &address);
    //! True when a verified list of `user` is stored (so an unlisted device is known bad).
    [[nodiscard]] bool hasVerifiedList(const UserId &user);
    //! The relay's last `devices` reply for `user` (unsigned: for approval prompts only).
    [[nodiscard]] QList<RelayDevice> relayDevices(const UserId &user) const {
        return m_relayDevices.value(user.name);
    }

Q_SIGNALS:
    //! The relay lists `device` for `user` but the account's signed list does not.
    void untrustedDevice(const QString &user, quint64 device);
    //! The relay served another account key than the one pinned: refused, and nothing the
    //! reply lists is trusted.
    void accountKeyChanged(const QString &user);
    //! The relay served a second, different list of `user` under the version already accepted
    //! (equivocation); it is recorded in the store (ContactStore::deviceListConflicts) first.
    void deviceListConflict(const QString &user);
    //! A newer list of `user` with other devices was accepted (KnownUser::devicesChanged).
    void devicesChanged(const QString &user);

private:
    void onReply(const UserId &user, const protocol::DevicesReply &reply);
    void finish(const UserId &user, const std::optional<EngineError> &error);
    //! Verifies a served list against `accountKey` and `known` (rollback, downgrade to v1,
    //! equivocation) and stores it when it passes.
    void acceptList(const UserId &user, const store::KnownUser &known, const QByteArray &bytes,
                    const QByteArray &signature, const crypto::SigningPublicKey &accountKey);
    void reportUnlisted(const UserId &user, const QList<RelayDevice> &listed,
                        const QSet<quint64> &signedIds);

    EngineContext &m_context;
    QSet<QString> m_fresh;
    QHash<QString, QList<Completion>> m_waiting;
    QHash<QString, QList<RelayDevice>> m_relayDevices;
    QSet<QPair<QString, quint64>> m_reported;
    QSet<QPair<QString, quint64>> m_rechecked; // unlisted devices looked up since invalidation
};

} // namespace hearth::engine
