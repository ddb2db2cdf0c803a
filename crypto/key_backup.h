// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/crypto_result.h"
#include "crypto/inbound_group_session.h"
#include "crypto/password_hash.h"
#include "crypto/secret_bytes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <span>
#include <vector>

namespace hearth::crypto {

//! Largest Argon2id memory a backup may ask for on import (1 GiB, libsodium's "sensitive").
inline constexpr quint64 kMaxBackupMemLimit = 1024ull * 1024 * 1024;
//! Largest Argon2id pass count a backup may ask for on import.
inline constexpr quint64 kMaxBackupOpsLimit = 16;

//! Builds a key backup one session at a time, so the engine can stream sessions from its store
//! instead of holding them all (every live secret costs memory mappings: docs/crypto.md, 12).
class KeyBackupWriter final {
public:
    //! Adds `session`, exported at its earliest index.
    void add(const InboundGroupSession &session);
    [[nodiscard]] quint32 count() const { return m_count; }

    //! Encrypts what was added under `passphrase`: Argon2id v1.3 with `cost` (Interactive: 2
    //! passes, 64 MiB) and a random 16-byte salt gives a key for XChaCha20-Poly1305; the
    //! parameters and salt are stored in the authenticated header, so a backup opens with
    //! whatever cost made it. OutOfMemory when Argon2id cannot get its memory. Layout:
    //! docs/crypto.md.
    [[nodiscard]] CryptoResult<QByteArray>
    finish(QByteArrayView passphrase, PasswordHashCost cost = PasswordHashCost::Interactive) const;

private:
    SecretBytes m_entries; // u16 length || session key, repeated; grown by doubling
    size_t m_used = 0;
    quint32 m_count = 0;
};

//! An opened key backup, whose sessions are materialised one at a time.
class KeyBackupReader final {
public:
    //! Decrypts `backup` and checks every entry. WrongPassphrase when the passphrase does not
    //! open it (or the backup was altered: the two cannot be told apart); UnsupportedParameters
    //! when its Argon2id parameters are out of bounds (refused before running it); Malformed,
    //! UnsupportedVersion, WrongType.
    [[nodiscard]] static CryptoResult<KeyBackupReader> open(QByteArrayView backup,
                                                            QByteArrayView passphrase);

    [[nodiscard]] quint32 count() const { return quint32(m_offsets.size()); }
    //! Session `index` (< count()), with KeyOrigin::Backup. Entries were checked by open().
    [[nodiscard]] InboundGroupSession session(quint32 index) const;

private:
    KeyBackupReader(SecretBytes payload, QList<qsizetype> offsets)
        : m_payload(std::move(payload))
        , m_offsets(std::move(offsets)) {}

    SecretBytes m_payload;
    QList<qsizetype> m_offsets; // start of each entry's session key in m_payload
};

//! KeyBackupWriter over `sessions`, for callers that hold them anyway.
[[nodiscard]] CryptoResult<QByteArray>
exportKeyBackup(std::span<const InboundGroupSession> sessions, QByteArrayView passphrase,
                PasswordHashCost cost = PasswordHashCost::Interactive);

//! KeyBackupReader into a vector, for small backups (the errors of KeyBackupReader::open).
[[nodiscard]] CryptoResult<std::vector<InboundGroupSession>>
importKeyBackup(QByteArrayView backup, QByteArrayView passphrase);

} // namespace hearth::crypto
