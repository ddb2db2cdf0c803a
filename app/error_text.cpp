// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/error_text.h"

using namespace Qt::StringLiterals;

namespace hearth::app {

namespace {

QString relayErrorText(protocol::ErrorCode code, const QString &fallback) {
    using protocol::ErrorCode;
    switch (code) {
    case ErrorCode::AuthFailed:
        return u"The user name or password is wrong."_s;
    case ErrorCode::InvalidUsername:
        return u"User names are 3 to 32 characters: lower-case letters, digits, '.', '_' or '-'."_s;
    case ErrorCode::InvalidPassword:
        return u"The account password needs at least 8 characters."_s;
    case ErrorCode::UserExists:
        return u"That user name is taken. Choose another, or sign in if it is yours."_s;
    case ErrorCode::RegistrationClosed:
        return u"This relay does not accept new accounts."_s;
    case ErrorCode::InvalidInvite:
        return u"This relay needs an invitation to join."_s;
    case ErrorCode::NoSuchUser:
        return u"There is no one with that user name on this relay."_s;
    case ErrorCode::NotMember:
    case ErrorCode::NoSuchConversation:
        return u"You are no longer a member of this conversation."_s;
    case ErrorCode::Forbidden:
        return u"Only owners and admins can do that here."_s;
    case ErrorCode::LastOwner:
        return u"You are the last owner: make someone else an owner before leaving."_s;
    case ErrorCode::TooManyMembers:
        return u"This conversation is full."_s;
    case ErrorCode::TooManyDevices:
        return u"This account has as many devices as the relay allows: remove one first."_s;
    case ErrorCode::PayloadTooLarge:
        return u"That message is too long to send."_s;
    case ErrorCode::RateLimited:
        return u"You are sending too fast. Wait a moment and try again."_s;
    case ErrorCode::Unavailable:
        return u"The relay is busy or restarting. Try again in a moment."_s;
    case ErrorCode::StaleMembership:
        return u"Someone changed the members at the same moment. Try again."_s;
    case ErrorCode::NoSharedConversation:
        return u"You share no conversation with this person yet."_s;
    default:
        return fallback.isEmpty() ? u"The relay refused the request."_s : fallback;
    }
}

} // namespace

QString errorText(const engine::EngineError &error) {
    using engine::EngineErrorCode;
    switch (error.code) {
    case EngineErrorCode::NotOnline:
        return u"Can't reach the relay. Check the address and your connection."_s;
    case EngineErrorCode::Relay:
        return error.relayCode ? relayErrorText(*error.relayCode, error.message) : error.message;
    case EngineErrorCode::Store:
        return u"Your local message store could not be written: "_s + error.message;
    case EngineErrorCode::Untrusted:
        // why: each refusal on trust grounds says what was not verified (a fork, a legacy
        // conversation, a device list); a generic sentence would hide which.
        return error.message.isEmpty()
                   ? u"This person's devices could not be verified, so nothing was shared "
                     u"with them."_s
                   : error.message;
    case EngineErrorCode::NoAccount:
        return u"This profile is not signed in to a relay yet."_s;
    case EngineErrorCode::Crypto:
    case EngineErrorCode::InvalidArgument:
    case EngineErrorCode::WrongApprovalCode:
        break;
    }
    return error.message;
}

QString errorText(const store::StoreFailure &failure) {
    using store::StoreError;
    switch (failure.code) {
    case StoreError::WrongPassphrase:
        return u"That passphrase doesn't unlock this profile."_s;
    case StoreError::MissingSaltFile:
    case StoreError::Corrupt:
        return u"Your local profile is damaged and cannot be opened."_s;
    case StoreError::NewerSchema:
        return u"This profile was written by a newer version of Hearth. Update Hearth to open "
               u"it."_s;
    case StoreError::DiskFull:
        return u"The disk is full. Free some space and try again."_s;
    case StoreError::Busy:
        return u"This profile is open in another Hearth window."_s;
    case StoreError::AlreadyExists:
        return u"A profile already exists here."_s;
    default:
        return failure.message;
    }
}

} // namespace hearth::app
