// SPDX-License-Identifier: GPL-3.0-or-later
// set_privacy, get_privacy: the account's message_policy, which create_conv and add_member
// enforce (roles.h, checkMessagePolicy).
#include "relay/client_session.h"
#include "relay/handlers/handler_support.h"
#include "relay/handlers/handlers.h"
#include "relay/hub.h"
#include "relay/relay_context.h"
#include "relay/roles.h"
#include "relay/storage/storage.h"
#include "relay/write_queue.h"
#include "sync/protocol/messages.h"

#include <QPointer>

namespace hearth::relay::handlers {

using namespace Qt::Literals::StringLiterals;
using protocol::ErrorCode;
using protocol::Frame;
namespace proto = hearth::protocol;

void setPrivacy(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    const QString policy = proto::decode<proto::SetPrivacyRequest>(frame).messagePolicy;
    if (!isMessagePolicy(policy))
        return session.fail(id, ErrorCode::InvalidArgument,
                            u"message_policy must be everyone, shared or nobody"_s);
    const AccountId account = session.account();
    // why: through the write queue, so requests to add this account that are logged after
    // the change are judged by the new policy.
    ctx.writes.enqueue(
        [account, policy](Storage &storage) { return storage.setMessagePolicy(account, policy); },
        [&ctx, id, account, policy, session = QPointer<ClientSession>(&session)](bool committed) {
            const proto::PrivacyPush push{{policy}};
            replyAfterWrite(session.data(), id, committed, std::nullopt, u"the privacy setting"_s,
                            proto::encode(push));
            // The account's other devices keep their copy of the setting current.
            if (committed)
                ctx.hub.deliver({account}, Frame::push(push.kType, proto::encode(push)).encode(),
                                session.data());
        });
}

void getPrivacy(RelayContext &ctx, ClientSession &session, const Frame &frame) {
    const quint64 id = *frame.id();
    const std::optional<Account> account = ctx.storage.findAccount(session.user());
    if (!account)
        return session.fail(id, ErrorCode::Internal, u"the account could not be read"_s);
    session.reply(id, proto::GetPrivacyReply{{account->messagePolicy}});
}

} // namespace hearth::relay::handlers
