// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/account_store.h"

namespace hearth::store {

using namespace Qt::Literals::StringLiterals;

StoreStatus AccountStore::create(const Account &account, const AccountSecrets &secrets) {
    if (account.user.name.isEmpty())
        return storeFailure(StoreError::InvalidArgument, u"(an account needs a user)"_s);
    auto insert = m_db.prepare(
        "INSERT INTO account (id, user_id, device_id, relay_url, device_signing_secret, "
        "device_dh_secret, account_signing_secret, created_ts, approval_code) "
        "VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    insert->bindText(1, account.user.name).bindInt(2, account.device.value);
    insert->bindText(3, account.relayUrl).bindSecret(4, secrets.deviceSigningKey);
    insert->bindSecret(5, secrets.deviceDhKey);
    if (secrets.accountSigningKey.isEmpty())
        insert->bindNull(6);
    else
        insert->bindSecret(6, secrets.accountSigningKey);
    insert->bindInt(7, account.createdTs);
    if (secrets.approvalCode.isEmpty())
        insert->bindNull(8);
    else
        insert->bindSecret(8, secrets.approvalCode);
    auto inserted = insert->run();
    if (!inserted && inserted.error().code == StoreError::Conflict)
        return storeFailure(StoreError::Conflict, u"(the profile already has an account)"_s);
    return inserted;
}

StoreResult<std::optional<Account>> AccountStore::account() {
    auto query = m_db.prepare("SELECT user_id, device_id, relay_url, created_ts FROM account "
                              "WHERE id = 1");
    return firstRow<Account>(*query, [](const Statement &row) {
        return Account{UserId{row.text(0)}, DeviceId{row.uint64(1)}, row.text(2), row.int64(3)};
    });
}

StoreResult<AccountSecrets> AccountStore::secrets() {
    auto query = m_db.prepare("SELECT device_signing_secret, device_dh_secret, "
                              "account_signing_secret, approval_code FROM account WHERE id = 1");
    auto row = query->step();
    if (!row)
        return row.error();
    if (!*row)
        return storeFailure(StoreError::NotFound, u"(no account yet)"_s);
    return AccountSecrets{query->secret(0), query->secret(1),
                          query->isNull(2) ? crypto::SecretBytes() : query->secret(2),
                          query->isNull(3) ? crypto::SecretBytes() : query->secret(3)};
}

StoreStatus AccountStore::updateAccount(std::string_view sql, auto &&bind) {
    auto update = m_db.prepare(sql);
    bind(*update);
    if (auto updated = update->run(); !updated)
        return updated;
    if (m_db.changes() == 0)
        return storeFailure(StoreError::NotFound, u"(no account yet)"_s);
    return {};
}

StoreStatus AccountStore::setDeviceId(DeviceId device) {
    return updateAccount("UPDATE account SET device_id = ?1 WHERE id = 1",
                         [&](Statement &update) { update.bindInt(1, device.value); });
}

StoreStatus AccountStore::setRelayUrl(const QString &url) {
    return updateAccount("UPDATE account SET relay_url = ?1 WHERE id = 1",
                         [&](Statement &update) { update.bindText(1, url); });
}

StoreStatus AccountStore::setAccountSigningSecret(const crypto::SecretBytes &seed) {
    return updateAccount("UPDATE account SET account_signing_secret = ?1 WHERE id = 1",
                         [&](Statement &update) { update.bindSecret(1, seed); });
}

StoreStatus AccountStore::setApprovalCode(const crypto::SecretBytes &code) {
    return updateAccount("UPDATE account SET approval_code = ?1 WHERE id = 1",
                         [&](Statement &update) {
                             if (code.isEmpty())
                                 update.bindNull(1);
                             else
                                 update.bindSecret(1, code);
                         });
}

StoreStatus AccountStore::setSetting(const QString &key, const QByteArray &value) {
    auto save = m_db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)");
    return save->bindText(1, key).bindBlob(2, value).run();
}

StoreResult<std::optional<QByteArray>> AccountStore::setting(const QString &key) {
    auto query = m_db.prepare("SELECT value FROM settings WHERE key = ?1");
    query->bindText(1, key);
    return firstRow<QByteArray>(*query, [](const Statement &row) { return row.blob(0); });
}

StoreStatus AccountStore::removeSetting(const QString &key) {
    auto remove = m_db.prepare("DELETE FROM settings WHERE key = ?1");
    return remove->bindText(1, key).run();
}

} // namespace hearth::store
