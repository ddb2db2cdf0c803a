// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/handlers/handlers.h"
#include "sync/protocol/protocol.h"

#include <array>
#include <utility>

namespace hearth::relay {

namespace type = protocol::type;

namespace {
constexpr std::array kHandlers = {
    std::pair{type::kHello, &handlers::hello},
    std::pair{type::kRegister, &handlers::registerAccount},
    std::pair{type::kAddDevice, &handlers::addDevice},
    std::pair{type::kAuth, &handlers::auth},
    std::pair{type::kDevices, &handlers::devices},
    std::pair{type::kConversations, &handlers::conversations},
    std::pair{type::kCreateConversation, &handlers::createConversation},
    std::pair{type::kMembers, &handlers::members},
    std::pair{type::kMembershipChain, &handlers::membershipChain},
    std::pair{type::kAddMember, &handlers::addMember},
    std::pair{type::kRemoveMember, &handlers::removeMember},
    std::pair{type::kLeave, &handlers::leave},
    std::pair{type::kSetRole, &handlers::setRole},
    std::pair{type::kSend, &handlers::send},
    std::pair{type::kSync, &handlers::sync},
    std::pair{type::kToDevice, &handlers::toDevice},
    std::pair{type::kInbox, &handlers::inbox},
    std::pair{type::kAckInbox, &handlers::ackInbox},
    std::pair{type::kTyping, &handlers::typing},
    std::pair{type::kPresence, &handlers::presence},
    std::pair{type::kPresenceQuery, &handlers::presenceQuery},
    std::pair{type::kPutDeviceList, &handlers::putDeviceList},
    std::pair{type::kRemoveDevice, &handlers::removeDevice},
    std::pair{type::kRead, &handlers::read},
    std::pair{type::kReceipts, &handlers::receipts},
    std::pair{type::kSetPrivacy, &handlers::setPrivacy},
    std::pair{type::kGetPrivacy, &handlers::getPrivacy},
};
} // namespace

Handler findHandler(QLatin1StringView type) {
    for (const auto &[name, handler] : kHandlers)
        if (name == type)
            return handler;
    return nullptr;
}

} // namespace hearth::relay
