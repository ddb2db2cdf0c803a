// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLatin1StringView>
#include <optional>

namespace hearth::protocol {

//! Stable error codes carried in "error" frames (as their snake_case names).
enum class ErrorCode {
    BadFrame,             //!< not CBOR, not a map, missing or mistyped field
    UnknownType,          //!< frame type the relay does not know
    UnsupportedVersion,   //!< hello with a protocol version the relay does not speak
    HelloRequired,        //!< a request before the hello exchange
    NotAuthenticated,     //!< a request that needs an authenticated connection
    AlreadyAuthenticated, //!< auth or hello twice on one connection
    AuthFailed,           //!< bad signature, unknown device, or wrong user/password
    InvalidUsername,      //!< username outside [a-z0-9._-]{3,32}
    InvalidPassword,      //!< password shorter than 8 or longer than 1024 bytes
    UserExists,           //!< register with a taken username
    RegistrationClosed,   //!< the relay does not accept registrations
    InvalidInvite,        //!< invite-only relay, invite code missing, unknown or used
    NoSuchUser,
    NoSuchDevice,
    NoSuchConversation, //!< unknown, or not visible to the caller
    NotMember,          //!< the caller is not a member of the conversation
    Forbidden,          //!< the caller's role does not allow this
    LastOwner,          //!< the last owner cannot leave or step down while others remain
    NotAccepting,       //!< the user's message_policy refuses being added by the caller
    StaleMembership,    //!< a signed membership change that does not follow the chain's head
    TooManyMembers,
    TooManyDevices,
    PayloadTooLarge, //!< event or to-device body over the relay's limit
    RateLimited,     //!< token bucket empty; the error carries retry_after_ms
    //! every to_device target's inbox already holds the relay's max_inbox_messages
    InboxFull,
    //! to_device to an account sharing no conversation, past the sender's first-contact budget
    NoSharedConversation,
    InvalidArgument, //!< well-typed but not acceptable (bad kind, bad role, limit 0, ...)
    Unavailable,     //!< the relay is shutting down or overloaded
    Internal,        //!< the relay failed; nothing was stored
};

[[nodiscard]] QLatin1StringView errorCodeName(ErrorCode code);
[[nodiscard]] std::optional<ErrorCode> errorCodeFromName(QLatin1StringView name);
//! Every code, in declaration order (for tests and docs).
[[nodiscard]] const ErrorCode *allErrorCodesBegin();
[[nodiscard]] const ErrorCode *allErrorCodesEnd();

//! WebSocket close codes the relay uses (RFC 6455 section 7.4.1).
namespace close_code {
inline constexpr int kGoingAway = 1001;       //!< relay shutting down
inline constexpr int kUnsupportedData = 1003; //!< a text frame
inline constexpr int kPolicyViolation = 1008; //!< repeated bad frames, auth deadline, stalled
inline constexpr int kMessageTooBig = 1009;   //!< frame over the size limit
inline constexpr int kTryAgainLater = 1013;   //!< connection limit reached
} // namespace close_code

} // namespace hearth::protocol
