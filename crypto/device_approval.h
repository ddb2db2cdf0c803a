// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/crypto_result.h"
#include "crypto/device_list.h"
#include "crypto/ids.h"
#include "crypto/secret_bytes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace hearth::crypto {

class SigningKeyPair;

//! Symbols of an approval code (80 random bits).
inline constexpr qsizetype kApprovalCodeLength = 16;
//! Size of an approval request's tag (keyed BLAKE2b-256).
inline constexpr qsizetype kApprovalTagSize = 32;

//! The one-time secret a signing-in device shows so that another device of the account can
//! approve its keys out of band (docs/crypto.md, "Device approval"). 16 symbols of Crockford's
//! base32 alphabet (0-9, A-Z without I, L, O, U), each from 5 random bits: 80 bits, so a relay
//! can neither guess it online nor grind keys to match a tag offline. Move-only, wiped.
class ApprovalCode final {
public:
    [[nodiscard]] static ApprovalCode generate();
    //! What a person typed: case, spaces and dashes are ignored, O reads as 0 and I or L as 1.
    //! InvalidArgument unless exactly 16 symbols of the alphabet remain.
    [[nodiscard]] static CryptoResult<ApprovalCode> parse(QStringView typed);
    //! A code stored with bytes(); InvalidArgument when it is not one.
    [[nodiscard]] static CryptoResult<ApprovalCode> fromBytes(QByteArrayView stored);

    //! The 16 canonical symbols (ASCII), for the device's store.
    [[nodiscard]] const SecretBytes &bytes() const { return m_symbols; }
    //! The code as shown to the member: four groups of four, "7K3Q-M9ZD-X2PA-4HNB".
    // why: a QString (unwiped) is unavoidable to show it; the code protects one approval only
    // and is forgotten by both devices once the account key arrived.
    [[nodiscard]] QString display() const;

private:
    explicit ApprovalCode(SecretBytes symbols)
        : m_symbols(std::move(symbols)) {}

    SecretBytes m_symbols;
};

//! Shows nothing of the code.
QDebug operator<<(QDebug debug, const ApprovalCode &code);

//! The tag a signing-in device sends in its approval request: keyed BLAKE2b-256 under a key
//! derived from `code`, over a domain tag, `user`, and `device`'s id and both public keys.
[[nodiscard]] QByteArray approvalRequestTag(const ApprovalCode &code, const UserId &user,
                                            const DeviceKeys &device);
//! True when `tag` was made from `code` over exactly these keys (constant-time comparison).
[[nodiscard]] bool verifyApprovalRequest(const ApprovalCode &code, const UserId &user,
                                         const DeviceKeys &device, QByteArrayView tag);

//! The account key for the device `device` that showed `code`: XChaCha20-Poly1305 under a key
//! derived from `code`, the seed as plaintext, the account's public key, `user` and `device`'s
//! keys as associated data. Layout: version || type 0x05 || account key (32) || nonce (24) ||
//! ciphertext (32 + 16). InvalidArgument for an invalid user.
[[nodiscard]] CryptoResult<QByteArray> sealAccountGrant(const ApprovalCode &code,
                                                        const UserId &user,
                                                        const DeviceKeys &device,
                                                        const SigningKeyPair &accountKey);
//! Opens a grant made for this device: the layout (Malformed, UnsupportedVersion, WrongType),
//! the AEAD under `code` and these keys (DecryptionFailed: forged, altered or for other keys),
//! and that the seed gives the account key named in the grant (InvalidKey).
[[nodiscard]] CryptoResult<SigningKeyPair> openAccountGrant(const ApprovalCode &code,
                                                            const UserId &user,
                                                            const DeviceKeys &device,
                                                            QByteArrayView grant);

} // namespace hearth::crypto
