// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

//! What conversations are made of, as every part names them: the store keeps these values as
//! integers (never renumber them: the client schema's CHECK constraints list them) and the
//! protocol spells them as names (protocol/names.h).
namespace hearth {

enum class ConversationKind : quint8 { Dm = 0, Group = 1, Channel = 2 };

//! Strongest first, as in the protocol.
enum class Role : quint8 { Owner = 0, Admin = 1, Member = 2 };

//! Actions of membership events (protocol `action`).
enum class MembershipAction : quint8 { Create = 0, Add = 1, Remove = 2, Leave = 3, Role = 4 };

} // namespace hearth
