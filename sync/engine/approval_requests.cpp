// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/approval_requests.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>

namespace hearth::engine {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kSetting = u"approval_requests"_s;
} // namespace

QList<ApprovalRequest> ApprovalRequests::all() {
    QList<ApprovalRequest> requests;
    auto stored = m_account.setting(kSetting);
    if (!stored || !*stored)
        return requests;
    for (const QCborValue &value : QCborValue::fromCbor(**stored).toArray()) {
        const QCborMap map = value.toMap();
        const auto sign =
            crypto::SigningPublicKey::fromBytes(map.value("sign_key"_L1).toByteArray());
        const auto dh = crypto::DhPublicKey::fromBytes(map.value("dh_key"_L1).toByteArray());
        const DeviceId id{static_cast<quint64>(map.value("device"_L1).toInteger())};
        if (sign && dh && id.value != 0)
            requests.append(
                {crypto::DeviceKeys{id, *sign, *dh}, map.value("tag"_L1).toByteArray()});
    }
    return requests;
}

store::StoreStatus ApprovalRequests::save(const QList<ApprovalRequest> &requests) {
    if (requests.isEmpty())
        return m_account.removeSetting(kSetting);
    QCborArray array;
    for (const ApprovalRequest &request : requests) {
        QCborMap map;
        map.insert("device"_L1, static_cast<qint64>(request.keys.id.value));
        map.insert("sign_key"_L1, request.keys.signingKey.bytes());
        map.insert("dh_key"_L1, request.keys.dhKey.bytes());
        map.insert("tag"_L1, request.tag);
        array.append(map);
    }
    return m_account.setSetting(kSetting, QCborValue(array).toCbor());
}

store::StoreStatus ApprovalRequests::add(const ApprovalRequest &request) {
    QList<ApprovalRequest> requests = all();
    requests.removeIf([&](const ApprovalRequest &kept) { return kept.keys == request.keys; });
    qsizetype sameDevice = 0;
    for (const ApprovalRequest &kept : requests)
        sameDevice += kept.keys.id == request.keys.id ? 1 : 0;
    if (sameDevice >= kMaxPerDevice) {
        const auto oldest = std::find_if(requests.begin(), requests.end(), [&](const auto &kept) {
            return kept.keys.id == request.keys.id;
        });
        requests.erase(oldest);
    }
    requests.append(request);
    while (requests.size() > kMaxTotal)
        requests.removeFirst();
    return save(requests);
}

QList<ApprovalRequest> ApprovalRequests::forDevice(DeviceId device) {
    QList<ApprovalRequest> requests = all();
    requests.removeIf([&](const ApprovalRequest &kept) { return kept.keys.id != device; });
    return requests;
}

QList<DeviceId> ApprovalRequests::devices() {
    QList<DeviceId> ids;
    for (const ApprovalRequest &request : all()) {
        if (!ids.contains(request.keys.id))
            ids.append(request.keys.id);
    }
    return ids;
}

store::StoreStatus ApprovalRequests::forget(DeviceId device) {
    QList<ApprovalRequest> requests = all();
    requests.removeIf([&](const ApprovalRequest &kept) { return kept.keys.id == device; });
    return save(requests);
}

} // namespace hearth::engine
