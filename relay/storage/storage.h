// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/ids.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <optional>

namespace hearth::relay {

struct Account {
    AccountId id;
    QString name;
    QByteArray passwordHash;
    QByteArray accountKey; //!< Ed25519 key signing the device list; empty if none
    QString messagePolicy; //!< who may add it to conversations (protocol::message_policy)
};

//! The device list an account published, signed by its account key.
struct SignedDeviceList {
    QByteArray list;
    QByteArray signature;
};

//! A member's read state in a conversation: `readSeq` merged (max) over its devices,
//! `receiptSeq` the part it lets other members see.
struct ReadMarker {
    quint64 readSeq = 0;
    quint64 receiptSeq = 0;
};

struct Device {
    DeviceId id;
    AccountId account;
    QByteArray signKey;
    QByteArray dhKey;
    QString name;
    qint64 createdMs = 0;
    QString user; //!< the owning account's name; filled when read back
};

struct Conversation {
    ConversationId id;
    QString kind;
    QString title;
    quint64 lastSeq = 0;
    //! The membership chain's id and head (crypto::MembershipOp); both empty for a legacy
    //! conversation, made before membership changes were signed.
    QByteArray chainId;
    QByteArray chainHead;
    [[nodiscard]] bool isLegacy() const { return chainId.isEmpty(); }
};

//! A member's window on a conversation: events joinedSeq..leftSeq (open while a member).
//! Someone removed and added again has one window per stay.
struct Membership {
    ConversationId conv;
    AccountId account;
    QString user;
    QString role;
    quint64 joinedSeq = 0;
    std::optional<quint64> leftSeq;
    [[nodiscard]] bool isActive() const { return !leftSeq.has_value(); }
};

//! One entry of a conversation's log. For membership events `body` holds the relay-written
//! CBOR map of the membership fields and `op` the signed change (empty for messages and for
//! events older than signed membership).
struct EventRecord {
    ConversationId conv;
    quint64 seq = 0;
    qint64 tsMs = 0;
    AccountId sender;
    QString senderName;
    DeviceId device;
    QString kind;
    QByteArray cmid;
    QByteArray body;
    QByteArray op;
};

struct ToDeviceMessage {
    qint64 qid = 0;
    DeviceId target;
    QString fromUser;
    DeviceId fromDevice;
    qint64 tsMs = 0;
    QByteArray body;
};

enum class CreateAccountResult { Created, Exists, InvalidInvite, Failed };

//! The relay's persistent state. All routing code goes through this interface, so another
//! backend (PostgreSQL) can be added without touching it. Calls are synchronous and made on
//! the relay's thread; writes happen inside begin()/commit() issued by the WriteQueue.
//! Methods returning bool or optional report storage failures as false / nullopt.
class Storage {
public:
    virtual ~Storage() = default;

    [[nodiscard]] virtual bool begin() = 0;
    [[nodiscard]] virtual bool commit() = 0;
    virtual void rollback() = 0;
    //! Marks a point inside the open transaction that rollbackToSavepoint() returns to.
    [[nodiscard]] virtual bool savepoint() = 0;
    //! Forgets the savepoint, keeping what was written since.
    [[nodiscard]] virtual bool releaseSavepoint() = 0;
    //! Undoes what was written since the savepoint (and forgets it).
    [[nodiscard]] virtual bool rollbackToSavepoint() = 0;

    // accounts and invites
    [[nodiscard]] virtual CreateAccountResult createAccount(const QString &name,
                                                            const QByteArray &passwordHash,
                                                            const std::optional<QString> &invite,
                                                            const QByteArray &accountKey,
                                                            qint64 nowMs) = 0;
    [[nodiscard]] virtual std::optional<Account> findAccount(const QString &name) = 0;
    [[nodiscard]] virtual bool createInvite(const QString &code, qint64 nowMs) = 0;
    //! Stores the account's message_policy (a protocol::message_policy name).
    [[nodiscard]] virtual bool setMessagePolicy(AccountId account, const QString &policy) = 0;

    // device lists
    [[nodiscard]] virtual bool putDeviceList(AccountId account, const SignedDeviceList &list,
                                             qint64 nowMs) = 0;
    [[nodiscard]] virtual std::optional<SignedDeviceList> deviceList(AccountId account) = 0;

    // read state
    //! Raises the markers to at least `readSeq` (and `receiptSeq`); never lowers them.
    //! Returns the merged markers.
    [[nodiscard]] virtual std::optional<ReadMarker> mergeReadMarker(ConversationId conv,
                                                                    AccountId account,
                                                                    quint64 readSeq,
                                                                    quint64 receiptSeq) = 0;
    [[nodiscard]] virtual ReadMarker readMarker(ConversationId conv, AccountId account) = 0;
    //! Every read marker of `account`, by conversation (one query for a conversation list).
    [[nodiscard]] virtual QHash<ConversationId, ReadMarker> readMarkers(AccountId account) = 0;
    //! Public receipts (receiptSeq > 0) of the current members of `conv`.
    [[nodiscard]] virtual QList<std::pair<QString, quint64>> receipts(ConversationId conv) = 0;

    // devices
    [[nodiscard]] virtual std::optional<DeviceId> addDevice(const Device &device) = 0;
    //! Revokes a device for good (its id is never reused) and drops its queued to-device
    //! messages. Revoked devices are absent from every device read below.
    [[nodiscard]] virtual bool revokeDevice(DeviceId id, qint64 nowMs) = 0;
    [[nodiscard]] virtual qint64 countDevices(AccountId account) = 0;
    [[nodiscard]] virtual std::optional<Device> device(DeviceId id) = 0;
    [[nodiscard]] virtual QList<Device> devices(AccountId account) = 0;

    // conversations and members
    //! A new conversation whose membership chain is `chainId` (unique; its head is set by
    //! setChainHead()).
    [[nodiscard]] virtual std::optional<ConversationId>
    createConversation(const QString &kind, const QString &title, const QString &dmKey,
                       const QByteArray &chainId, qint64 nowMs) = 0;
    //! The conversation whose membership chain is `chainId`, if any.
    [[nodiscard]] virtual std::optional<ConversationId> findChain(const QByteArray &chainId) = 0;
    //! Records the hash of the conversation's latest membership change.
    [[nodiscard]] virtual bool setChainHead(ConversationId conv, const QByteArray &head) = 0;
    [[nodiscard]] virtual std::optional<Conversation> conversation(ConversationId id) = 0;
    [[nodiscard]] virtual std::optional<ConversationId> findDm(const QString &dmKey) = 0;
    //! The latest membership window of `account` in each conversation it ever joined.
    [[nodiscard]] virtual QList<Membership> membershipsOf(AccountId account) = 0;
    //! Current members of `conv`.
    [[nodiscard]] virtual QList<Membership> members(ConversationId conv) = 0;
    //! Every window of `account` in `conv`, oldest first (a re-added member has several).
    [[nodiscard]] virtual QList<Membership> membershipWindows(ConversationId conv,
                                                              AccountId account) = 0;
    //! Stores a window, keyed by (conv, account, joinedSeq).
    [[nodiscard]] virtual bool putMembership(const Membership &membership) = 0;
    //! Whether `a` and `b` were ever both members of one conversation (a window each, open
    //! or closed, not necessarily at the same time); nullopt on a storage failure.
    [[nodiscard]] virtual std::optional<bool> everSharedConversation(AccountId a, AccountId b) = 0;

    // events
    [[nodiscard]] virtual bool appendEvent(const EventRecord &event) = 0;
    [[nodiscard]] virtual std::optional<EventRecord>
    findEventByCmid(ConversationId conv, AccountId sender, const QByteArray &cmid) = 0;
    //! Every signed membership change of `conv` as (seq, op), ascending; nullopt on a failure.
    [[nodiscard]] virtual std::optional<QList<std::pair<quint64, QByteArray>>>
    membershipOps(ConversationId conv) = 0;
    //! Events with after < seq <= upTo, ascending, at most `limit`.
    [[nodiscard]] virtual QList<EventRecord> events(ConversationId conv, quint64 after,
                                                    quint64 upTo, qint64 limit) = 0;

    // to-device queue
    [[nodiscard]] virtual std::optional<qint64> enqueueToDevice(const ToDeviceMessage &message) = 0;
    [[nodiscard]] virtual QList<ToDeviceMessage> inbox(DeviceId device, qint64 limit) = 0;
    [[nodiscard]] virtual std::optional<qint64> ackInbox(DeviceId device,
                                                         const QList<qint64> &qids) = 0;
    [[nodiscard]] virtual qint64 toDeviceQueueDepth() = 0;
    //! Messages queued for `device`, counting those enqueued in the open transaction;
    //! nullopt on a storage failure.
    [[nodiscard]] virtual std::optional<qint64> inboxSize(DeviceId device) = 0;
};

} // namespace hearth::relay
