// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/store_error.h"

namespace hearth::store {

using namespace Qt::Literals::StringLiterals;

const char *storeErrorName(StoreError error) {
    switch (error) {
    case StoreError::NotFound:
        return "NotFound";
    case StoreError::AlreadyExists:
        return "AlreadyExists";
    case StoreError::WrongPassphrase:
        return "WrongPassphrase";
    case StoreError::MissingSaltFile:
        return "MissingSaltFile";
    case StoreError::Corrupt:
        return "Corrupt";
    case StoreError::NewerSchema:
        return "NewerSchema";
    case StoreError::DiskFull:
        return "DiskFull";
    case StoreError::Busy:
        return "Busy";
    case StoreError::ReadOnly:
        return "ReadOnly";
    case StoreError::Io:
        return "Io";
    case StoreError::InvalidArgument:
        return "InvalidArgument";
    case StoreError::Conflict:
        return "Conflict";
    case StoreError::OutOfMemory:
        return "OutOfMemory";
    case StoreError::Cancelled:
        return "Cancelled";
    case StoreError::Internal:
        break;
    }
    return "Internal";
}

QString storeErrorMessage(StoreError error) {
    switch (error) {
    case StoreError::NotFound:
        return u"Not found."_s;
    case StoreError::AlreadyExists:
        return u"A profile already exists in this directory."_s;
    case StoreError::WrongPassphrase:
        return u"The passphrase is wrong: the profile database did not open, and was not changed."_s;
    case StoreError::MissingSaltFile:
        return u"The profile's salt file (profile.salt) is missing: without it the database "
               "cannot be unlocked. Restore it from a backup."_s;
    case StoreError::Corrupt:
        return u"The profile database is damaged or is not a Hearth store."_s;
    case StoreError::NewerSchema:
        return u"The profile was written by a newer version of Hearth."_s;
    case StoreError::DiskFull:
        return u"The disk is full: the change was not saved."_s;
    case StoreError::Busy:
        return u"The profile database is locked by another connection or program."_s;
    case StoreError::ReadOnly:
        return u"The profile database is read-only here."_s;
    case StoreError::Io:
        return u"The profile files could not be read or written."_s;
    case StoreError::InvalidArgument:
        return u"Invalid request to the local store."_s;
    case StoreError::Conflict:
        return u"The change contradicts what the local store holds."_s;
    case StoreError::OutOfMemory:
        return u"Out of memory."_s;
    case StoreError::Cancelled:
        return u"The read was cancelled."_s;
    case StoreError::Internal:
        break;
    }
    return u"Unexpected local store error."_s;
}

StoreFailure storeFailure(StoreError error, const QString &detail) {
    QString message = storeErrorMessage(error);
    if (!detail.isEmpty())
        message += u' ' + detail;
    return {error, message};
}

QDebug operator<<(QDebug debug, StoreError error) {
    QDebugStateSaver saver(debug);
    debug.nospace() << "StoreError::" << storeErrorName(error);
    return debug;
}

QDebug operator<<(QDebug debug, const StoreFailure &failure) {
    QDebugStateSaver saver(debug);
    debug.nospace() << storeErrorName(failure.code) << ": " << failure.message;
    return debug;
}

} // namespace hearth::store
