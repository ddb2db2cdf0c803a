// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/protocol/error_code.h"

#include <array>
#include <utility>

namespace hearth::protocol {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr std::array kNames = {
    std::pair{ErrorCode::BadFrame, "bad_frame"_L1},
    std::pair{ErrorCode::UnknownType, "unknown_type"_L1},
    std::pair{ErrorCode::UnsupportedVersion, "unsupported_version"_L1},
    std::pair{ErrorCode::HelloRequired, "hello_required"_L1},
    std::pair{ErrorCode::NotAuthenticated, "not_authenticated"_L1},
    std::pair{ErrorCode::AlreadyAuthenticated, "already_authenticated"_L1},
    std::pair{ErrorCode::AuthFailed, "auth_failed"_L1},
    std::pair{ErrorCode::InvalidUsername, "invalid_username"_L1},
    std::pair{ErrorCode::InvalidPassword, "invalid_password"_L1},
    std::pair{ErrorCode::UserExists, "user_exists"_L1},
    std::pair{ErrorCode::RegistrationClosed, "registration_closed"_L1},
    std::pair{ErrorCode::InvalidInvite, "invalid_invite"_L1},
    std::pair{ErrorCode::NoSuchUser, "no_such_user"_L1},
    std::pair{ErrorCode::NoSuchDevice, "no_such_device"_L1},
    std::pair{ErrorCode::NoSuchConversation, "no_such_conversation"_L1},
    std::pair{ErrorCode::NotMember, "not_member"_L1},
    std::pair{ErrorCode::Forbidden, "forbidden"_L1},
    std::pair{ErrorCode::LastOwner, "last_owner"_L1},
    std::pair{ErrorCode::NotAccepting, "not_accepting"_L1},
    std::pair{ErrorCode::StaleMembership, "stale_membership"_L1},
    std::pair{ErrorCode::TooManyMembers, "too_many_members"_L1},
    std::pair{ErrorCode::TooManyDevices, "too_many_devices"_L1},
    std::pair{ErrorCode::PayloadTooLarge, "payload_too_large"_L1},
    std::pair{ErrorCode::RateLimited, "rate_limited"_L1},
    std::pair{ErrorCode::InboxFull, "inbox_full"_L1},
    std::pair{ErrorCode::NoSharedConversation, "no_shared_conversation"_L1},
    std::pair{ErrorCode::InvalidArgument, "invalid_argument"_L1},
    std::pair{ErrorCode::Unavailable, "unavailable"_L1},
    std::pair{ErrorCode::Internal, "internal"_L1},
};

constexpr auto kCodes = [] {
    std::array<ErrorCode, kNames.size()> codes{};
    for (std::size_t i = 0; i < kNames.size(); ++i)
        codes[i] = kNames[i].first;
    return codes;
}();
} // namespace

QLatin1StringView errorCodeName(ErrorCode code) {
    for (const auto &[c, name] : kNames)
        if (c == code)
            return name;
    return "internal"_L1;
}

std::optional<ErrorCode> errorCodeFromName(QLatin1StringView name) {
    for (const auto &[c, n] : kNames)
        if (n == name)
            return c;
    return std::nullopt;
}

const ErrorCode *allErrorCodesBegin() {
    return kCodes.data();
}
const ErrorCode *allErrorCodesEnd() {
    return kCodes.data() + kCodes.size();
}

} // namespace hearth::protocol
