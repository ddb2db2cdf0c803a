// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/storage/storage.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>

namespace hearth::relay {

//! How hard a commit pushes data to disk. Both survive a killed relay process (WAL);
//! Full also survives a power cut or kernel crash, at the cost of an fsync per commit.
enum class Durability { Full, Normal };

//! Storage on QtSql's SQLite driver, WAL mode, in one file.
class SqlStorage final : public Storage {
public:
    SqlStorage();
    ~SqlStorage() override;
    SqlStorage(const SqlStorage &) = delete;
    SqlStorage &operator=(const SqlStorage &) = delete;

    //! Opens (creating when needed) and migrates `path`; an error message on failure.
    //! `maxBytes` > 0 caps the database size: writes beyond it fail as on a full disk.
    [[nodiscard]] std::optional<QString> open(const QString &path, Durability durability,
                                              qint64 maxBytes = 0);

    bool begin() override;
    bool commit() override;
    void rollback() override;
    bool savepoint() override;
    bool releaseSavepoint() override;
    bool rollbackToSavepoint() override;

    CreateAccountResult createAccount(const QString &name, const QByteArray &passwordHash,
                                      const std::optional<QString> &invite,
                                      const QByteArray &accountKey, qint64 nowMs) override;
    std::optional<Account> findAccount(const QString &name) override;
    bool createInvite(const QString &code, qint64 nowMs) override;
    bool setMessagePolicy(AccountId account, const QString &policy) override;

    bool putDeviceList(AccountId account, const SignedDeviceList &list, qint64 nowMs) override;
    std::optional<SignedDeviceList> deviceList(AccountId account) override;
    std::optional<ReadMarker> mergeReadMarker(ConversationId conv, AccountId account,
                                              quint64 readSeq, quint64 receiptSeq) override;
    ReadMarker readMarker(ConversationId conv, AccountId account) override;
    QHash<ConversationId, ReadMarker> readMarkers(AccountId account) override;
    QList<std::pair<QString, quint64>> receipts(ConversationId conv) override;

    std::optional<DeviceId> addDevice(const Device &device) override;
    bool revokeDevice(DeviceId id, qint64 nowMs) override;
    qint64 countDevices(AccountId account) override;
    std::optional<Device> device(DeviceId id) override;
    QList<Device> devices(AccountId account) override;

    std::optional<ConversationId> createConversation(const QString &kind, const QString &title,
                                                     const QString &dmKey,
                                                     const QByteArray &chainId,
                                                     qint64 nowMs) override;
    std::optional<ConversationId> findChain(const QByteArray &chainId) override;
    bool setChainHead(ConversationId conv, const QByteArray &head) override;
    std::optional<Conversation> conversation(ConversationId id) override;
    std::optional<ConversationId> findDm(const QString &dmKey) override;
    QList<Membership> membershipsOf(AccountId account) override;
    QList<Membership> members(ConversationId conv) override;
    QList<Membership> membershipWindows(ConversationId conv, AccountId account) override;
    bool putMembership(const Membership &membership) override;
    std::optional<bool> everSharedConversation(AccountId a, AccountId b) override;

    bool appendEvent(const EventRecord &event) override;
    std::optional<EventRecord> findEventByCmid(ConversationId conv, AccountId sender,
                                               const QByteArray &cmid) override;
    std::optional<QList<std::pair<quint64, QByteArray>>>
    membershipOps(ConversationId conv) override;
    QList<EventRecord> events(ConversationId conv, quint64 after, quint64 upTo,
                              qint64 limit) override;

    std::optional<qint64> enqueueToDevice(const ToDeviceMessage &message) override;
    QList<ToDeviceMessage> inbox(DeviceId device, qint64 limit) override;
    std::optional<qint64> ackInbox(DeviceId device, const QList<qint64> &qids) override;
    qint64 toDeviceQueueDepth() override;
    std::optional<qint64> inboxSize(DeviceId device) override;

private:
    //! A prepared statement for `sql`, cached for the life of the connection.
    QSqlQuery &prepared(const char *sql);
    bool exec(QSqlQuery &query);
    QList<Membership> memberships(QSqlQuery &query);

    QString m_connectionName;
    QSqlDatabase m_db;
    QHash<const char *, QSqlQuery> m_statements;
    //! inboxSize() of devices counted once, kept exact by the writes to the queue; cleared
    //! on any rollback, which may undo some of them.
    QHash<DeviceId, qint64> m_inboxSizes;
};

} // namespace hearth::relay
