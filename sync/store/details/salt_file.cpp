// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/details/salt_file.h"

#include <QFile>
#include <QSaveFile>
#include <QtEndian>

namespace hearth::store::details {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr QByteArrayView kMagic = "HRTHSALT";
constexpr char kFormat = 1;
constexpr qsizetype kHeaderSize = 8 + 1 + 1 + 2;
constexpr qsizetype kFileSize = kHeaderSize + SaltFile::kSaltSize + SaltFile::kStampSize;

StoreFailure damaged() {
    return storeFailure(StoreError::Corrupt, u"The salt file (profile.salt) is damaged."_s);
}

} // namespace

StoreResult<SaltFile> readSaltFile(const QString &path) {
    QFile file(path);
    if (!file.exists())
        return storeFailure(StoreError::MissingSaltFile);
    if (!file.open(QIODevice::ReadOnly))
        return storeFailure(StoreError::Io, u"(profile.salt: %1)"_s.arg(file.errorString()));
    const QByteArray bytes = file.read(kFileSize + 1);
    if (bytes.size() != kFileSize || !bytes.startsWith(kMagic) || bytes.at(8) != kFormat)
        return damaged();
    SaltFile salt;
    switch (bytes.at(9)) {
    case 0:
        salt.cost = crypto::PasswordHashCost::Interactive;
        break;
    case 1:
        salt.cost = crypto::PasswordHashCost::Moderate;
        break;
    case 2:
        salt.cost = crypto::PasswordHashCost::Minimum;
        break;
    default:
        return damaged();
    }
    salt.pageSize = qFromBigEndian<quint16>(bytes.constData() + 10);
    if (salt.pageSize < 512 || (salt.pageSize & (salt.pageSize - 1)) != 0)
        return damaged();
    salt.salt = bytes.mid(kHeaderSize, SaltFile::kSaltSize);
    salt.stamp = bytes.mid(kHeaderSize + SaltFile::kSaltSize, SaltFile::kStampSize);
    return salt;
}

StoreStatus writeSaltFile(const QString &path, const SaltFile &salt) {
    Q_ASSERT(salt.salt.size() == SaltFile::kSaltSize && salt.stamp.size() == SaltFile::kStampSize);
    QByteArray bytes = kMagic.toByteArray();
    bytes.append(kFormat);
    switch (salt.cost) {
    case crypto::PasswordHashCost::Interactive:
        bytes.append('\0');
        break;
    case crypto::PasswordHashCost::Moderate:
        bytes.append('\1');
        break;
    case crypto::PasswordHashCost::Minimum:
        bytes.append('\2');
        break;
    }
    char pageSize[2];
    qToBigEndian<quint16>(static_cast<quint16>(salt.pageSize), pageSize);
    bytes.append(pageSize, 2);
    bytes.append(salt.salt).append(salt.stamp);

    QSaveFile file(path);
    // why: QSaveFile gives the new file the old one's mode, or 0666 less the umask: set 0600
    // before anything is written (the rename keeps it).
    if (!file.open(QIODevice::WriteOnly) ||
        !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner) ||
        file.write(bytes) != bytes.size() || !file.commit())
        return storeFailure(StoreError::Io, u"(profile.salt: %1)"_s.arg(file.errorString()));
    return {};
}

StoreResult<QByteArray> readDatabaseStamp(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return storeFailure(StoreError::Io, u"(profile.db: %1)"_s.arg(file.errorString()));
    QByteArray stamp = file.read(SaltFile::kStampSize);
    if (stamp.size() != SaltFile::kStampSize)
        return storeFailure(StoreError::Corrupt, u"The database file is empty or truncated."_s);
    return stamp;
}

} // namespace hearth::store::details
