// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/storage/sql_storage.h"

#include "relay/storage/sql_schema.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QUuid>
#include <QVariant>

namespace hearth::relay {

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcStorage, "hearth.relay.storage")

namespace {

QVariant nullableSeq(const std::optional<quint64> &seq) {
    return seq ? QVariant(static_cast<qint64>(*seq)) : QVariant(QMetaType::fromType<qint64>());
}

// why: an empty QByteArray would bind as an empty BLOB, which is not NULL (and not unique).
QVariant nullableBlob(const QByteArray &bytes) {
    return bytes.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(bytes);
}

// why: a null QString binds as SQL NULL; optional text is stored as '' in NOT NULL columns.
QString notNull(const QString &text) {
    return text.isNull() ? u""_s : text;
}

Membership membershipFrom(const QSqlQuery &q) {
    Membership m;
    m.conv = ConversationId{q.value(0).toULongLong()};
    m.account = AccountId{q.value(1).toLongLong()};
    m.user = q.value(2).toString();
    m.role = q.value(3).toString();
    m.joinedSeq = q.value(4).toULongLong();
    if (!q.value(5).isNull())
        m.leftSeq = q.value(5).toULongLong();
    return m;
}

Device deviceFrom(const QSqlQuery &q) {
    return Device{DeviceId{q.value(0).toULongLong()},
                  AccountId{q.value(1).toLongLong()},
                  q.value(2).toByteArray(),
                  q.value(3).toByteArray(),
                  q.value(4).toString(),
                  q.value(5).toLongLong(),
                  q.value(6).toString()};
}

constexpr const char *kDeviceColumns =
    "SELECT d.id, d.account_id, d.sign_key, d.dh_key, d.name, d.created_ms, a.name"
    " FROM devices d JOIN accounts a ON a.id = d.account_id ";

constexpr const char *kMembershipColumns =
    "SELECT m.conv_id, m.account_id, a.name, m.role, m.joined_seq, m.left_seq"
    " FROM members m JOIN accounts a ON a.id = m.account_id ";

} // namespace

SqlStorage::SqlStorage()
    : m_connectionName(u"hearth-relay-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces)) {}

SqlStorage::~SqlStorage() {
    m_statements.clear();
    if (m_db.isOpen())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

std::optional<QString> SqlStorage::open(const QString &path, Durability durability,
                                        qint64 maxBytes) {
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(path);
    if (!m_db.open())
        return u"cannot open %1: %2"_s.arg(path, m_db.lastError().text());
    QSqlQuery pragma(m_db);
    const QString sync = durability == Durability::Full ? u"FULL"_s : u"NORMAL"_s;
    for (const QString &sql : {u"PRAGMA journal_mode=WAL"_s, u"PRAGMA synchronous="_s + sync,
                               u"PRAGMA foreign_keys=ON"_s, u"PRAGMA busy_timeout=5000"_s}) {
        if (!pragma.exec(sql))
            return u"cannot configure %1: %2"_s.arg(path, pragma.lastError().text());
    }
    if (maxBytes > 0) {
        if (!pragma.exec(u"PRAGMA page_size"_s) || !pragma.next())
            return u"cannot read the page size of %1"_s.arg(path);
        const qint64 pages = qMax<qint64>(1, maxBytes / pragma.value(0).toLongLong());
        pragma.finish();
        if (!pragma.exec(u"PRAGMA max_page_count=%1"_s.arg(pages)))
            return u"cannot cap the size of %1: %2"_s.arg(path, pragma.lastError().text());
    }
    return migrateRelaySchema(m_db);
}

QSqlQuery &SqlStorage::prepared(const char *sql) {
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery query(m_db);
        if (!query.prepare(QString::fromLatin1(sql)))
            qCCritical(lcStorage) << "prepare failed:" << query.lastError().text();
        it = m_statements.insert(sql, query);
    }
    return it.value();
}

bool SqlStorage::exec(QSqlQuery &query) {
    if (query.exec())
        return true;
    // The error text names the constraint or I/O failure, never bound values.
    qCWarning(lcStorage) << "statement failed:" << query.lastError().text();
    return false;
}

bool SqlStorage::begin() {
    return m_db.transaction();
}
bool SqlStorage::commit() {
    if (m_db.commit())
        return true;
    m_inboxSizes.clear();
    return false;
}
void SqlStorage::rollback() {
    m_inboxSizes.clear();
    m_db.rollback();
}

bool SqlStorage::savepoint() {
    QSqlQuery &q = prepared("SAVEPOINT operation");
    return exec(q);
}

bool SqlStorage::releaseSavepoint() {
    QSqlQuery &q = prepared("RELEASE SAVEPOINT operation");
    return exec(q);
}

bool SqlStorage::rollbackToSavepoint() {
    m_inboxSizes.clear();
    QSqlQuery &q = prepared("ROLLBACK TO SAVEPOINT operation");
    return exec(q) && releaseSavepoint();
}

CreateAccountResult SqlStorage::createAccount(const QString &name, const QByteArray &passwordHash,
                                              const std::optional<QString> &invite,
                                              const QByteArray &accountKey, qint64 nowMs) {
    if (!begin())
        return CreateAccountResult::Failed;
    auto fail = [this](CreateAccountResult result) {
        rollback();
        return result;
    };
    if (findAccount(name))
        return fail(CreateAccountResult::Exists);
    QSqlQuery &insert =
        prepared("INSERT INTO accounts (name, password_hash, account_key, created_ms)"
                 " VALUES (?, ?, ?, ?)");
    insert.addBindValue(name);
    insert.addBindValue(QString::fromLatin1(passwordHash));
    insert.addBindValue(accountKey.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>())
                                             : QVariant(accountKey));
    insert.addBindValue(nowMs);
    if (!exec(insert))
        return fail(CreateAccountResult::Failed);
    const qint64 id = insert.lastInsertId().toLongLong();
    if (invite) {
        QSqlQuery &use =
            prepared("UPDATE invites SET used_by = ? WHERE code = ? AND used_by IS NULL");
        use.addBindValue(id);
        use.addBindValue(*invite);
        if (!exec(use))
            return fail(CreateAccountResult::Failed);
        if (use.numRowsAffected() != 1)
            return fail(CreateAccountResult::InvalidInvite);
    }
    return commit() ? CreateAccountResult::Created : fail(CreateAccountResult::Failed);
}

std::optional<Account> SqlStorage::findAccount(const QString &name) {
    QSqlQuery &q = prepared(
        "SELECT id, password_hash, account_key, message_policy FROM accounts WHERE name = ?");
    q.addBindValue(name);
    if (!exec(q) || !q.next())
        return std::nullopt;
    Account account{AccountId{q.value(0).toLongLong()}, name, q.value(1).toString().toLatin1(),
                    q.value(2).toByteArray(), q.value(3).toString()};
    q.finish();
    return account;
}

bool SqlStorage::setMessagePolicy(AccountId account, const QString &policy) {
    QSqlQuery &q = prepared("UPDATE accounts SET message_policy = ? WHERE id = ?");
    q.addBindValue(policy);
    q.addBindValue(account.value);
    return exec(q) && q.numRowsAffected() == 1;
}

bool SqlStorage::createInvite(const QString &code, qint64 nowMs) {
    QSqlQuery &q = prepared("INSERT INTO invites (code, created_ms) VALUES (?, ?)");
    q.addBindValue(code);
    q.addBindValue(nowMs);
    return exec(q);
}

bool SqlStorage::putDeviceList(AccountId account, const SignedDeviceList &list, qint64 nowMs) {
    QSqlQuery &q = prepared("INSERT INTO device_lists (account_id, list, sig, updated_ms)"
                            " VALUES (?, ?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET"
                            " list = excluded.list, sig = excluded.sig,"
                            " updated_ms = excluded.updated_ms");
    q.addBindValue(account.value);
    q.addBindValue(list.list);
    q.addBindValue(list.signature);
    q.addBindValue(nowMs);
    return exec(q);
}

std::optional<SignedDeviceList> SqlStorage::deviceList(AccountId account) {
    QSqlQuery &q = prepared("SELECT list, sig FROM device_lists WHERE account_id = ?");
    q.addBindValue(account.value);
    if (!exec(q) || !q.next())
        return std::nullopt;
    SignedDeviceList list{q.value(0).toByteArray(), q.value(1).toByteArray()};
    q.finish();
    return list;
}

std::optional<ReadMarker> SqlStorage::mergeReadMarker(ConversationId conv, AccountId account,
                                                      quint64 readSeq, quint64 receiptSeq) {
    // why: MAX() keeps the merge commutative and idempotent (PostgreSQL spells it GREATEST).
    QSqlQuery &q = prepared(
        "INSERT INTO read_markers (conv_id, account_id, read_seq, receipt_seq) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (conv_id, account_id) DO UPDATE SET"
        " read_seq = MAX(read_seq, excluded.read_seq),"
        " receipt_seq = MAX(receipt_seq, excluded.receipt_seq)");
    q.addBindValue(conv.value);
    q.addBindValue(account.value);
    q.addBindValue(static_cast<qint64>(readSeq));
    q.addBindValue(static_cast<qint64>(receiptSeq));
    if (!exec(q))
        return std::nullopt;
    return readMarker(conv, account);
}

ReadMarker SqlStorage::readMarker(ConversationId conv, AccountId account) {
    QSqlQuery &q = prepared(
        "SELECT read_seq, receipt_seq FROM read_markers WHERE conv_id = ? AND account_id = ?");
    q.addBindValue(conv.value);
    q.addBindValue(account.value);
    if (!exec(q) || !q.next())
        return {};
    const ReadMarker marker{q.value(0).toULongLong(), q.value(1).toULongLong()};
    q.finish();
    return marker;
}

QHash<ConversationId, ReadMarker> SqlStorage::readMarkers(AccountId account) {
    QSqlQuery &q =
        prepared("SELECT conv_id, read_seq, receipt_seq FROM read_markers WHERE account_id = ?");
    q.addBindValue(account.value);
    QHash<ConversationId, ReadMarker> out;
    if (exec(q))
        while (q.next())
            out.insert(ConversationId{q.value(0).toULongLong()},
                       ReadMarker{q.value(1).toULongLong(), q.value(2).toULongLong()});
    return out;
}

QList<std::pair<QString, quint64>> SqlStorage::receipts(ConversationId conv) {
    QSqlQuery &q = prepared(
        "SELECT a.name, r.receipt_seq FROM read_markers r JOIN accounts a ON a.id = r.account_id"
        " JOIN members m ON m.conv_id = r.conv_id AND m.account_id = r.account_id"
        " AND m.left_seq IS NULL WHERE r.conv_id = ? AND r.receipt_seq > 0 ORDER BY a.name");
    q.addBindValue(conv.value);
    QList<std::pair<QString, quint64>> out;
    if (exec(q))
        while (q.next())
            out.append({q.value(0).toString(), q.value(1).toULongLong()});
    return out;
}

std::optional<DeviceId> SqlStorage::addDevice(const Device &device) {
    QSqlQuery &q = prepared("INSERT INTO devices (account_id, sign_key, dh_key, name, created_ms)"
                            " VALUES (?, ?, ?, ?, ?)");
    q.addBindValue(device.account.value);
    q.addBindValue(device.signKey);
    q.addBindValue(device.dhKey);
    q.addBindValue(notNull(device.name));
    q.addBindValue(device.createdMs);
    if (!exec(q))
        return std::nullopt;
    return DeviceId{q.lastInsertId().toULongLong()};
}

qint64 SqlStorage::countDevices(AccountId account) {
    QSqlQuery &q =
        prepared("SELECT COUNT(*) FROM devices WHERE account_id = ? AND revoked_ms IS NULL");
    q.addBindValue(account.value);
    if (!exec(q) || !q.next())
        return 0;
    const qint64 count = q.value(0).toLongLong();
    q.finish();
    return count;
}

std::optional<Device> SqlStorage::device(DeviceId id) {
    static const QByteArray sql =
        QByteArray(kDeviceColumns) + "WHERE d.id = ? AND d.revoked_ms IS NULL";
    QSqlQuery &q = prepared(sql.constData());
    q.addBindValue(id.value);
    if (!exec(q) || !q.next())
        return std::nullopt;
    Device d = deviceFrom(q);
    q.finish();
    return d;
}

QList<Device> SqlStorage::devices(AccountId account) {
    static const QByteArray sql = QByteArray(kDeviceColumns) +
                                  "WHERE d.account_id = ? AND d.revoked_ms IS NULL ORDER BY d.id";
    QSqlQuery &q = prepared(sql.constData());
    q.addBindValue(account.value);
    QList<Device> out;
    if (exec(q))
        while (q.next())
            out.append(deviceFrom(q));
    return out;
}

bool SqlStorage::revokeDevice(DeviceId id, qint64 nowMs) {
    if (!begin())
        return false;
    QSqlQuery &revoke =
        prepared("UPDATE devices SET revoked_ms = ? WHERE id = ? AND revoked_ms IS NULL");
    revoke.addBindValue(nowMs);
    revoke.addBindValue(id.value);
    QSqlQuery &drop = prepared("DELETE FROM to_device WHERE target_device = ?");
    if (exec(revoke)) {
        drop.addBindValue(id.value);
        if (exec(drop) && commit()) {
            m_inboxSizes.remove(id);
            return true;
        }
    }
    rollback();
    return false;
}

std::optional<ConversationId>
SqlStorage::createConversation(const QString &kind, const QString &title, const QString &dmKey,
                               const QByteArray &chainId, qint64 nowMs) {
    QSqlQuery &q = prepared("INSERT INTO conversations (kind, title, dm_key, chain_id, created_ms)"
                            " VALUES (?, ?, ?, ?, ?)");
    q.addBindValue(kind);
    q.addBindValue(notNull(title));
    q.addBindValue(dmKey.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(dmKey));
    q.addBindValue(nullableBlob(chainId));
    q.addBindValue(nowMs);
    if (!exec(q))
        return std::nullopt;
    return ConversationId{q.lastInsertId().toULongLong()};
}

std::optional<ConversationId> SqlStorage::findChain(const QByteArray &chainId) {
    QSqlQuery &q = prepared("SELECT id FROM conversations WHERE chain_id = ?");
    q.addBindValue(chainId);
    if (!exec(q) || !q.next())
        return std::nullopt;
    const ConversationId id{q.value(0).toULongLong()};
    q.finish();
    return id;
}

bool SqlStorage::setChainHead(ConversationId conv, const QByteArray &head) {
    QSqlQuery &q = prepared("UPDATE conversations SET chain_head = ? WHERE id = ?");
    q.addBindValue(head);
    q.addBindValue(conv.value);
    return exec(q) && q.numRowsAffected() == 1;
}

std::optional<Conversation> SqlStorage::conversation(ConversationId id) {
    QSqlQuery &q = prepared("SELECT kind, title, (SELECT COALESCE(MAX(seq), 0) FROM events"
                            " WHERE conv_id = c.id), chain_id, chain_head FROM conversations c"
                            " WHERE id = ?");
    q.addBindValue(id.value);
    if (!exec(q) || !q.next())
        return std::nullopt;
    Conversation c{id,
                   q.value(0).toString(),
                   q.value(1).toString(),
                   q.value(2).toULongLong(),
                   q.value(3).toByteArray(),
                   q.value(4).toByteArray()};
    q.finish();
    return c;
}

std::optional<ConversationId> SqlStorage::findDm(const QString &dmKey) {
    QSqlQuery &q = prepared("SELECT id FROM conversations WHERE dm_key = ?");
    q.addBindValue(dmKey);
    if (!exec(q) || !q.next())
        return std::nullopt;
    const ConversationId id{q.value(0).toULongLong()};
    q.finish();
    return id;
}

QList<Membership> SqlStorage::membershipsOf(AccountId account) {
    static const QByteArray sql =
        QByteArray(kMembershipColumns) +
        "WHERE m.account_id = ? AND m.joined_seq = (SELECT MAX(joined_seq) FROM members w"
        " WHERE w.conv_id = m.conv_id AND w.account_id = m.account_id) ORDER BY m.conv_id";
    QSqlQuery &q = prepared(sql.constData());
    q.addBindValue(account.value);
    return memberships(q);
}

QList<Membership> SqlStorage::members(ConversationId conv) {
    static const QByteArray sql =
        QByteArray(kMembershipColumns) +
        "WHERE m.conv_id = ? AND m.left_seq IS NULL ORDER BY m.joined_seq";
    QSqlQuery &q = prepared(sql.constData());
    q.addBindValue(conv.value);
    return memberships(q);
}

QList<Membership> SqlStorage::membershipWindows(ConversationId conv, AccountId account) {
    static const QByteArray sql = QByteArray(kMembershipColumns) +
                                  "WHERE m.conv_id = ? AND m.account_id = ? ORDER BY m.joined_seq";
    QSqlQuery &q = prepared(sql.constData());
    q.addBindValue(conv.value);
    q.addBindValue(account.value);
    return memberships(q);
}

QList<Membership> SqlStorage::memberships(QSqlQuery &q) {
    QList<Membership> out;
    if (exec(q))
        while (q.next())
            out.append(membershipFrom(q));
    return out;
}

bool SqlStorage::putMembership(const Membership &m) {
    QSqlQuery &q = prepared(
        "INSERT INTO members (conv_id, account_id, role, joined_seq, left_seq) VALUES (?, ?, ?, ?, "
        "?)"
        " ON CONFLICT (conv_id, account_id, joined_seq) DO UPDATE SET role = excluded.role,"
        " left_seq = excluded.left_seq");
    q.addBindValue(m.conv.value);
    q.addBindValue(m.account.value);
    q.addBindValue(m.role);
    q.addBindValue(static_cast<qint64>(m.joinedSeq));
    q.addBindValue(nullableSeq(m.leftSeq));
    return exec(q);
}

std::optional<bool> SqlStorage::everSharedConversation(AccountId a, AccountId b) {
    QSqlQuery &q = prepared("SELECT 1 FROM members x JOIN members y ON y.conv_id = x.conv_id"
                            " WHERE x.account_id = ? AND y.account_id = ? LIMIT 1");
    q.addBindValue(a.value);
    q.addBindValue(b.value);
    if (!exec(q))
        return std::nullopt;
    const bool shared = q.next();
    q.finish();
    return shared;
}

bool SqlStorage::appendEvent(const EventRecord &e) {
    QSqlQuery &q = prepared("INSERT INTO events (conv_id, seq, ts_ms, sender_id, device_id, kind,"
                            " cmid, body, op) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.addBindValue(e.conv.value);
    q.addBindValue(static_cast<qint64>(e.seq));
    q.addBindValue(e.tsMs);
    q.addBindValue(e.sender.value);
    q.addBindValue(e.device.value);
    q.addBindValue(e.kind);
    q.addBindValue(nullableBlob(e.cmid));
    q.addBindValue(e.body);
    q.addBindValue(nullableBlob(e.op));
    return exec(q);
}

std::optional<EventRecord> SqlStorage::findEventByCmid(ConversationId conv, AccountId sender,
                                                       const QByteArray &cmid) {
    QSqlQuery &q =
        prepared("SELECT seq, ts_ms FROM events WHERE conv_id = ? AND sender_id = ? AND cmid = ?");
    q.addBindValue(conv.value);
    q.addBindValue(sender.value);
    q.addBindValue(cmid);
    if (!exec(q) || !q.next())
        return std::nullopt;
    EventRecord e;
    e.conv = conv;
    e.seq = q.value(0).toULongLong();
    e.tsMs = q.value(1).toLongLong();
    e.sender = sender;
    e.cmid = cmid;
    q.finish();
    return e;
}

std::optional<QList<std::pair<quint64, QByteArray>>>
SqlStorage::membershipOps(ConversationId conv) {
    QSqlQuery &q =
        prepared("SELECT seq, op FROM events WHERE conv_id = ? AND op IS NOT NULL ORDER BY seq");
    q.addBindValue(conv.value);
    if (!exec(q))
        return std::nullopt;
    QList<std::pair<quint64, QByteArray>> out;
    while (q.next())
        out.append({q.value(0).toULongLong(), q.value(1).toByteArray()});
    return out;
}

QList<EventRecord> SqlStorage::events(ConversationId conv, quint64 after, quint64 upTo,
                                      qint64 limit) {
    QSqlQuery &q =
        prepared("SELECT e.seq, e.ts_ms, e.sender_id, a.name, e.device_id, e.kind, e.cmid, e.body,"
                 " e.op FROM events e JOIN accounts a ON a.id = e.sender_id"
                 " WHERE e.conv_id = ? AND e.seq > ? AND e.seq <= ? ORDER BY e.seq LIMIT ?");
    q.addBindValue(conv.value);
    q.addBindValue(static_cast<qint64>(after));
    q.addBindValue(static_cast<qint64>(upTo));
    q.addBindValue(limit);
    QList<EventRecord> out;
    if (!exec(q))
        return out;
    while (q.next()) {
        out.append(EventRecord{conv, q.value(0).toULongLong(), q.value(1).toLongLong(),
                               AccountId{q.value(2).toLongLong()}, q.value(3).toString(),
                               DeviceId{q.value(4).toULongLong()}, q.value(5).toString(),
                               q.value(6).toByteArray(), q.value(7).toByteArray(),
                               q.value(8).toByteArray()});
    }
    return out;
}

std::optional<qint64> SqlStorage::enqueueToDevice(const ToDeviceMessage &m) {
    QSqlQuery &q = prepared("INSERT INTO to_device (target_device, from_account, from_device,"
                            " ts_ms, body) VALUES (?, (SELECT id FROM accounts WHERE name = ?),"
                            " ?, ?, ?)");
    q.addBindValue(m.target.value);
    q.addBindValue(m.fromUser);
    q.addBindValue(m.fromDevice.value);
    q.addBindValue(m.tsMs);
    q.addBindValue(m.body);
    if (!exec(q))
        return std::nullopt;
    if (const auto it = m_inboxSizes.find(m.target); it != m_inboxSizes.end())
        ++*it;
    return q.lastInsertId().toLongLong();
}

QList<ToDeviceMessage> SqlStorage::inbox(DeviceId device, qint64 limit) {
    QSqlQuery &q = prepared("SELECT t.qid, a.name, t.from_device, t.ts_ms, t.body FROM to_device t"
                            " JOIN accounts a ON a.id = t.from_account"
                            " WHERE t.target_device = ? ORDER BY t.qid LIMIT ?");
    q.addBindValue(device.value);
    q.addBindValue(limit);
    QList<ToDeviceMessage> out;
    if (!exec(q))
        return out;
    while (q.next())
        out.append(ToDeviceMessage{q.value(0).toLongLong(), device, q.value(1).toString(),
                                   DeviceId{q.value(2).toULongLong()}, q.value(3).toLongLong(),
                                   q.value(4).toByteArray()});
    return out;
}

std::optional<qint64> SqlStorage::ackInbox(DeviceId device, const QList<qint64> &qids) {
    if (!begin())
        return std::nullopt;
    QSqlQuery &q = prepared("DELETE FROM to_device WHERE qid = ? AND target_device = ?");
    qint64 removed = 0;
    for (qint64 qid : qids) {
        q.addBindValue(qid);
        q.addBindValue(device.value);
        if (!exec(q)) {
            rollback();
            return std::nullopt;
        }
        removed += q.numRowsAffected();
    }
    if (!commit()) {
        rollback();
        return std::nullopt;
    }
    if (const auto it = m_inboxSizes.find(device); it != m_inboxSizes.end())
        *it -= removed;
    return removed;
}

qint64 SqlStorage::toDeviceQueueDepth() {
    QSqlQuery &q = prepared("SELECT COUNT(*) FROM to_device");
    if (!exec(q) || !q.next())
        return 0;
    const qint64 depth = q.value(0).toLongLong();
    q.finish();
    return depth;
}

std::optional<qint64> SqlStorage::inboxSize(DeviceId device) {
    if (const auto it = m_inboxSizes.constFind(device); it != m_inboxSizes.cend())
        return *it;
    QSqlQuery &q = prepared("SELECT COUNT(*) FROM to_device WHERE target_device = ?");
    q.addBindValue(device.value);
    if (!exec(q) || !q.next())
        return std::nullopt;
    const qint64 size = q.value(0).toLongLong();
    q.finish();
    m_inboxSizes.insert(device, size);
    return size;
}

} // namespace hearth::relay
