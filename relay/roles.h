// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/protocol/error_code.h"

#include <QString>
#include <optional>

namespace hearth::relay {

//! Why a request is refused: the code and message the client receives.
struct Refusal {
    protocol::ErrorCode code;
    QString message;
};

//! owner 3, admin 2, member 1; 0 for anything else.
[[nodiscard]] int roleRank(QStringView role);

// The permission rules of docs/protocol.md, as pure functions of the roles involved.
// nullopt means allowed.
[[nodiscard]] std::optional<Refusal> checkAdd(QStringView kind, QStringView actorRole,
                                              QStringView newRole);
[[nodiscard]] std::optional<Refusal> checkRemove(QStringView kind, QStringView actorRole,
                                                 QStringView targetRole);
[[nodiscard]] std::optional<Refusal> checkLeave(QStringView kind, QStringView actorRole,
                                                qsizetype owners, qsizetype members);
[[nodiscard]] std::optional<Refusal> checkSetRole(QStringView kind, QStringView actorRole,
                                                  QStringView targetRole, QStringView newRole,
                                                  bool targetIsActor, qsizetype owners);
[[nodiscard]] std::optional<Refusal> checkSend(QStringView kind, QStringView actorRole);

//! Whether `policy` is a message_policy name (everyone, shared, nobody).
[[nodiscard]] bool isMessagePolicy(QStringView policy);
//! Whether `target`, whose message_policy is `policy`, may be added to a conversation by
//! someone who `sharesConversation` with it already. Unknown policies refuse.
[[nodiscard]] std::optional<Refusal> checkMessagePolicy(QStringView policy, const QString &target,
                                                        bool sharesConversation);

} // namespace hearth::relay
