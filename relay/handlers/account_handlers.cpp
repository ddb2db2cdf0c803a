// SPDX-License-Identifier: GPL-3.0-or-later
// register, add_device, devices. Argon2id runs on the thread pool, never on the network thread;
// checks against a stored hash are throttled first (PasswordThrottle).
#include "crypto/password_hash.h"
#include "crypto/signing_key.h"
#include "relay/client_session.h"
#include "relay/handlers/handlers.h"
#include "relay/hub.h"
#include "relay/metrics.h"
#include "relay/password_throttle.h"
#include "relay/relay_config.h"
#include "relay/relay_context.h"
#include "relay/storage/storage.h"
#include "sync/protocol/messages.h"

#include <QRegularExpression>
#include <QtConcurrent/QtConcurrentRun>

namespace hearth::relay::handlers {

using namespace Qt::Literals::StringLiterals;
using protocol::ErrorCode;
using protocol::Frame;
namespace proto = hearth::protocol;

namespace {

constexpr qsizetype kMinPasswordBytes = 8;
constexpr qsizetype kMaxPasswordBytes = 1024;

bool isValidUsername(const QString &name) {
    static const QRegularExpression rule(u"^[a-z0-9][a-z0-9._-]{2,31}$"_s);
    return rule.match(name).hasMatch();
}

// why: checking a password for an unknown user costs the same as for a known one, so timing
// does not reveal which usernames exist.
const QByteArray &decoyHash(crypto::PasswordHashCost cost) {
    static const QByteArray hash =
        crypto::hashPassword("hearth-decoy-password", cost).value_or(QByteArray());
    return hash;
}

//! Tells the account's online devices (but `except`) and its online contacts that its devices
//! changed, so they fetch the list again.
void announceDevices(RelayContext &ctx, AccountId account, const QString &user,
                     const ClientSession *except = nullptr) {
    QList<AccountId> audience = coMembers(ctx, account);
    audience.append(account);
    const proto::DevicesPush push{{UserId{user}}};
    ctx.hub.deliver(audience, Frame::push(push.kType, proto::encode(push)).encode(), except);
}

//! Reserves a password check of `user` for the session's address: true when Argon2id may
//! run; false after replying rate_limited (and running nothing) when a budget is spent.
bool reservePasswordCheck(RelayContext &ctx, ClientSession &session, quint64 id,
                          const QString &user) {
    const auto refused = ctx.passwords.reserve(user, session.peerAddress(), RelayContext::nowMs());
    if (!refused) {
        ++ctx.metrics.passwordChecks;
        return true;
    }
    ++ctx.metrics.limitRefusals[u"password_"_s + refused->scope];
    session.fail(
        id, ErrorCode::RateLimited,
        u"too many failed password checks for this %1; try again later"_s.arg(refused->scope),
        refused->retryAfterMs);
    return false;
}

} // namespace

void registerAccount(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    const auto request = proto::decode<proto::RegisterRequest>(frame);
    const QString user = request.user.name;
    const QByteArray password = request.password.toUtf8();
    std::optional<QString> invite = request.invite;
    const QByteArray accountKey = request.accountKey.value_or(QByteArray());

    if (ctx.config.registration == Registration::Closed)
        return session.fail(id, ErrorCode::RegistrationClosed,
                            u"this relay does not accept new accounts"_s);
    if (ctx.config.registration == Registration::Invite && !invite)
        return session.fail(id, ErrorCode::InvalidInvite, u"this relay needs an invite code"_s);
    if (ctx.config.registration != Registration::Invite)
        invite.reset();
    if (!isValidUsername(user))
        return session.fail(id, ErrorCode::InvalidUsername,
                            u"usernames are 3-32 characters: a-z, 0-9, '.', '_', '-', "
                            "starting with a letter or digit"_s);
    if (password.size() < kMinPasswordBytes || password.size() > kMaxPasswordBytes)
        return session.fail(id, ErrorCode::InvalidPassword,
                            u"passwords are 8 to 1024 bytes long"_s);
    if (ctx.storage.findAccount(user))
        return session.fail(id, ErrorCode::UserExists, u"that username is taken"_s);

    const crypto::PasswordHashCost cost = ctx.config.passwordCost;
    QtConcurrent::run([password, cost] { return crypto::hashPassword(password, cost); })
        .then(&session, [&ctx, &session, id, user, invite,
                         accountKey](std::optional<QByteArray> hash) {
            if (!hash)
                return session.fail(id, ErrorCode::Internal, u"could not hash the password"_s);
            switch (
                ctx.storage.createAccount(user, *hash, invite, accountKey, RelayContext::nowMs())) {
            case CreateAccountResult::Created:
                return session.reply(id, proto::RegisterReply{{UserId{user}}});
            case CreateAccountResult::Exists:
                return session.fail(id, ErrorCode::UserExists, u"that username is taken"_s);
            case CreateAccountResult::InvalidInvite:
                return session.fail(id, ErrorCode::InvalidInvite,
                                    u"the invite code is unknown or already used"_s);
            case CreateAccountResult::Failed:
                break;
            }
            session.fail(id, ErrorCode::Internal, u"the account could not be stored"_s);
        });
}

void addDevice(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    const auto request = proto::decode<proto::AddDeviceRequest>(frame);
    const QString user = request.user.name;
    const QByteArray password = request.password.toUtf8();
    const std::optional<Account> account = ctx.storage.findAccount(user);
    const QByteArray hash = account ? account->passwordHash : decoyHash(ctx.config.passwordCost);

    Device device;
    device.account = account ? account->id : AccountId{};
    device.signKey = request.signKey;
    device.dhKey = request.dhKey;
    device.name = request.name.value_or(QString());

    // why: an unknown name is throttled like a known one, so refusals don't reveal which
    // accounts exist either.
    if (!reservePasswordCheck(ctx, session, id, user))
        return;
    QtConcurrent::run([hash, password] {
        return crypto::verifyPassword(hash, password);
    }).then(&session, [&ctx, &session, id, device, user](bool matches) mutable {
        if (!matches || !device.account.isValid())
            return session.fail(id, ErrorCode::AuthFailed, u"wrong username or password"_s);
        ctx.passwords.succeeded(user, session.peerAddress(), RelayContext::nowMs());
        if (ctx.storage.countDevices(device.account) >= ctx.config.limits.maxDevicesPerUser)
            return session.fail(id, ErrorCode::TooManyDevices,
                                u"this account has the most devices allowed"_s);
        device.createdMs = RelayContext::nowMs();
        const std::optional<DeviceId> added = ctx.storage.addDevice(device);
        if (!added)
            return session.fail(id, ErrorCode::Internal, u"the device could not be stored"_s);
        session.reply(id, proto::AddDeviceReply{*added});
        // The account's other devices (to approve it) and its contacts learn of the device.
        announceDevices(ctx, device.account, user);
    });
}

void devices(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    const auto request = proto::decode<proto::DevicesRequest>(frame);
    const std::optional<Account> account = ctx.storage.findAccount(request.user.name);
    if (!account)
        return session.fail(id, ErrorCode::NoSuchUser, u"no such user"_s);
    proto::DevicesReply reply;
    for (const Device &device : ctx.storage.devices(account->id))
        reply.devices.append({device.id, device.signKey, device.dhKey, device.name,
                              static_cast<quint64>(device.createdMs)});
    if (!account->accountKey.isEmpty())
        reply.accountKey = account->accountKey;
    if (const auto signedList = ctx.storage.deviceList(account->id)) {
        reply.deviceList = signedList->list;
        reply.deviceListSig = signedList->signature;
    }
    session.reply(id, reply);
}

void putDeviceList(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    const std::optional<Account> account = ctx.storage.findAccount(session.user());
    if (!account || account->accountKey.isEmpty())
        return session.fail(id, ErrorCode::InvalidArgument,
                            u"this account registered no account key"_s);
    const auto request = proto::decode<proto::PutDeviceListRequest>(frame);
    const SignedDeviceList list{request.list, request.sig};
    // why: the relay can't make a list trusted (clients verify it themselves), but it keeps
    // anyone without the account key from replacing a good list with junk.
    if (!crypto::verifySignature(account->accountKey, list.list, list.signature))
        return session.fail(id, ErrorCode::Forbidden,
                            u"the list is not signed by the account key"_s);
    if (!ctx.storage.putDeviceList(account->id, list, RelayContext::nowMs()))
        return session.fail(id, ErrorCode::Internal, u"the device list was not stored"_s);
    session.reply(id);
    announceDevices(ctx, account->id, session.user(), &session);
}

void removeDevice(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    const auto request = proto::decode<proto::RemoveDeviceRequest>(frame);
    const DeviceId target = request.device;
    const std::optional<Account> account = ctx.storage.findAccount(session.user());
    const std::optional<Device> device = ctx.storage.device(target);
    if (!account || !device || device->account != account->id)
        return session.fail(id, ErrorCode::NoSuchDevice, u"your account has no such device"_s);
    // why: a stolen device must not be able to lock its owner out; removal needs the password.
    const QByteArray hash = account->passwordHash;
    const QByteArray password = request.password.toUtf8();
    if (!reservePasswordCheck(ctx, session, id, session.user()))
        return;
    QtConcurrent::run([hash, password] {
        return crypto::verifyPassword(hash, password);
    }).then(&session, [&ctx, &session, id, target, accountId = account->id](bool matches) {
        if (!matches)
            return session.fail(id, ErrorCode::AuthFailed, u"wrong password"_s);
        ctx.passwords.succeeded(session.user(), session.peerAddress(), RelayContext::nowMs());
        if (!ctx.storage.revokeDevice(target, RelayContext::nowMs()))
            return session.fail(id, ErrorCode::Internal, u"the device was not removed"_s);
        session.reply(id);
        const QList<ClientSession *> live =
            ctx.hub.sessionsOf(accountId); // a copy: closing edits it
        for (ClientSession *other : live)
            if (other->device() == target)
                other->closeWith(protocol::close_code::kPolicyViolation, u"device removed"_s);
        announceDevices(ctx, accountId, session.user(), &session);
    });
}

} // namespace hearth::relay::handlers
