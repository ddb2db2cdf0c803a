// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/ids.h"

#include <QLatin1StringView>
#include <QList>

namespace hearth::protocol {
class Frame;
}

namespace hearth::relay {

struct RelayContext;
class ClientSession;

//! Handles one validated request and replies (now or after a commit). The frame's fields
//! have passed the protocol schema; handlers apply the relay's rules.
using Handler = void (*)(RelayContext &, ClientSession &, const protocol::Frame &);

//! The handler for a request type, or nullptr.
[[nodiscard]] Handler findHandler(QLatin1StringView type);

namespace handlers {
// session_handlers.cpp
void hello(RelayContext &, ClientSession &, const protocol::Frame &);
void auth(RelayContext &, ClientSession &, const protocol::Frame &);
// account_handlers.cpp
void registerAccount(RelayContext &, ClientSession &, const protocol::Frame &);
void addDevice(RelayContext &, ClientSession &, const protocol::Frame &);
void devices(RelayContext &, ClientSession &, const protocol::Frame &);
void putDeviceList(RelayContext &, ClientSession &, const protocol::Frame &);
void removeDevice(RelayContext &, ClientSession &, const protocol::Frame &);
// conversation_handlers.cpp
void conversations(RelayContext &, ClientSession &, const protocol::Frame &);
void createConversation(RelayContext &, ClientSession &, const protocol::Frame &);
void members(RelayContext &, ClientSession &, const protocol::Frame &);
void membershipChain(RelayContext &, ClientSession &, const protocol::Frame &);
// membership_handlers.cpp
void addMember(RelayContext &, ClientSession &, const protocol::Frame &);
void removeMember(RelayContext &, ClientSession &, const protocol::Frame &);
void leave(RelayContext &, ClientSession &, const protocol::Frame &);
void setRole(RelayContext &, ClientSession &, const protocol::Frame &);
// event_handlers.cpp
void send(RelayContext &, ClientSession &, const protocol::Frame &);
void sync(RelayContext &, ClientSession &, const protocol::Frame &);
// to_device_handlers.cpp
void toDevice(RelayContext &, ClientSession &, const protocol::Frame &);
void inbox(RelayContext &, ClientSession &, const protocol::Frame &);
void ackInbox(RelayContext &, ClientSession &, const protocol::Frame &);
// ephemeral_handlers.cpp
void typing(RelayContext &, ClientSession &, const protocol::Frame &);
void presence(RelayContext &, ClientSession &, const protocol::Frame &);
void presenceQuery(RelayContext &, ClientSession &, const protocol::Frame &);
// read_state_handlers.cpp
void read(RelayContext &, ClientSession &, const protocol::Frame &);
void receipts(RelayContext &, ClientSession &, const protocol::Frame &);
// privacy_handlers.cpp
void setPrivacy(RelayContext &, ClientSession &, const protocol::Frame &);
void getPrivacy(RelayContext &, ClientSession &, const protocol::Frame &);

//! Online accounts sharing a current conversation with `account` (itself excluded).
[[nodiscard]] QList<AccountId> coMembers(RelayContext &ctx, AccountId account);
//! Pushes `account`'s current presence to the online users sharing a conversation with it.
void broadcastPresence(RelayContext &ctx, AccountId account, const QString &user);
} // namespace handlers

} // namespace hearth::relay
