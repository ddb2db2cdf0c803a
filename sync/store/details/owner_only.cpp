// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/details/owner_only.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace hearth::store::details {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr QFile::Permissions kOwnerFile = QFile::ReadOwner | QFile::WriteOwner;
constexpr QFile::Permissions kOwnerDirectory = kOwnerFile | QFile::ExeOwner;
} // namespace

StoreStatus restrictToOwner(const QString &directory) {
    if (!QFile::setPermissions(directory, kOwnerDirectory))
        return storeFailure(StoreError::Io, u"(cannot restrict the profile directory)"_s);
    const QFileInfoList files = QDir(directory).entryInfoList(QDir::Files | QDir::Hidden);
    for (const QFileInfo &file : files) {
        if (!QFile::setPermissions(file.filePath(), kOwnerFile))
            return storeFailure(StoreError::Io, u"(cannot restrict %1)"_s.arg(file.fileName()));
    }
    return {};
}

StoreStatus createOwnerOnlyFile(const QString &path) {
    QFile file(path);
    // why: created empty and restricted before SQLite writes a byte into it, so the database
    // (and the -wal and -shm files SQLite creates with its mode) is never readable by others.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append) || !file.setPermissions(kOwnerFile))
        return storeFailure(StoreError::Io, u"(cannot create %1)"_s.arg(file.errorString()));
    return {};
}

} // namespace hearth::store::details
