// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/membership_op.h"

#include "crypto/details/byte_io.h"
#include "crypto/signing_key.h"

#include <QSet>
#include <QtEndian>
#include <sodium.h>

namespace hearth::crypto {

namespace {

constexpr QByteArrayView kTag("hearth-membership-v1\0", 21);
constexpr QByteArrayView kTagFamily("hearth-membership-v");
constexpr QByteArrayView kSignatureTag("hearth-membership-sig-v1\0", 25);
constexpr QByteArrayView kHashTag("hearth-membership-hash-v1\0", 26);
constexpr qsizetype kMaxTitleBytes = 1024;

//! Appends the big-endian fields of a change (its size is not known beforehand).
class Appender final {
public:
    explicit Appender(QByteArray &out)
        : m_out(out) {}
    void u8(quint8 value) { m_out.append(char(value)); }
    void u16(quint16 value) { fixed(value); }
    void u32(quint32 value) { fixed(value); }
    void u64(quint64 value) { fixed(value); }
    void bytes(QByteArrayView view) { m_out.append(view); }
    void text(const QByteArray &utf8) {
        u16(static_cast<quint16>(utf8.size()));
        bytes(utf8);
    }
    void user(const UserId &user) { text(user.name.toUtf8()); }

private:
    template <class T> void fixed(T value) {
        const T big = qToBigEndian(value);
        m_out.append(reinterpret_cast<const char *>(&big), sizeof big);
    }
    QByteArray &m_out;
};

// why: the signed layout numbers roles, kinds and actions from 1 (a 0 role byte means "no
// role"); the shared enums count from 0, so the bytes are mapped here and nowhere else.
template <class Enum> quint8 byteOf(Enum value) {
    return static_cast<quint8>(static_cast<quint8>(value) + 1);
}

//! The enum a byte names, nullopt outside 1..last+1.
template <class Enum> std::optional<Enum> fromByte(quint8 byte, Enum last) {
    if (byte < 1 || byte > byteOf(last))
        return std::nullopt;
    return static_cast<Enum>(byte - 1);
}

bool roleExpected(MembershipAction action) {
    return action == MembershipAction::Add || action == MembershipAction::Role;
}

//! InvalidArgument-worthy shape errors that sign() refuses and parse() reports as Malformed.
bool wellFormed(const MembershipChange &change) {
    if (!isValidAddress(change.actor))
        return false;
    if (change.action == MembershipAction::Create) {
        if (!change.previous.isEmpty() || change.title.toUtf8().size() > kMaxTitleBytes)
            return false;
        QSet<QString> seen{change.actor.user.name};
        for (const InitialMember &member : change.members) {
            if (!isValidUser(member.user) || seen.contains(member.user.name))
                return false;
            seen.insert(member.user.name);
        }
        return !change.role && change.target.name.isEmpty();
    }
    if (change.previous.size() != kMembershipHashSize || !isValidUser(change.target))
        return false;
    if (change.action == MembershipAction::Leave && change.target != change.actor.user)
        return false;
    return change.role.has_value() == roleExpected(change.action);
}

QByteArray encodeBody(const MembershipChange &change) {
    QByteArray out;
    Appender w(out);
    w.bytes(kTag);
    w.bytes(change.chain.bytes());
    w.bytes(change.previous.isEmpty() ? QByteArray(kMembershipHashSize, '\0') : change.previous);
    w.u8(byteOf(change.action));
    w.user(change.actor.user);
    w.u64(change.actor.device.value);
    w.u64(change.timestampMs);
    if (change.action == MembershipAction::Create) {
        w.u8(byteOf(change.kind));
        w.text(change.title.toUtf8());
        w.u32(static_cast<quint32>(change.members.size()));
        for (const InitialMember &member : change.members) {
            w.user(member.user);
            w.u8(byteOf(member.role));
        }
    } else {
        w.user(change.target);
        w.u8(change.role ? byteOf(*change.role) : 0);
    }
    return out;
}

} // namespace

MembershipOp::MembershipOp(MembershipChange change, QByteArray bytes)
    : m_change(std::move(change))
    , m_bytes(std::move(bytes)) {}

CryptoResult<MembershipOp> MembershipOp::sign(const MembershipChange &change,
                                              const SigningKeyPair &device) {
    if (!wellFormed(change))
        return CryptoError::InvalidArgument;
    QByteArray bytes = encodeBody(change);
    if (bytes.size() + kSignatureSize > kMaxSize)
        return CryptoError::InvalidArgument;
    bytes.append(device.sign(details::tagged(kSignatureTag, bytes)));
    MembershipChange stored = change;
    if (stored.action == MembershipAction::Create)
        stored.previous.clear();
    return MembershipOp(std::move(stored), std::move(bytes));
}

CryptoResult<MembershipOp> MembershipOp::parse(QByteArrayView bytes) {
    if (bytes.size() > kMaxSize)
        return CryptoError::Malformed;
    details::ByteReader r(bytes);
    const auto tag = r.bytes(kTag.size());
    if (!tag)
        return CryptoError::Malformed;
    if (*tag != kTag)
        return tag->startsWith(kTagFamily) ? CryptoError::UnsupportedVersion
                                           : CryptoError::Malformed;
    MembershipChange change;
    const auto chain = r.bytes(ChainId::kSize);
    const auto previous = r.bytes(kMembershipHashSize);
    const auto action = r.u8();
    const auto actor = r.user();
    const auto device = r.u64();
    const auto timestamp = r.u64();
    const auto known = action ? fromByte(*action, MembershipAction::Role) : std::nullopt;
    if (!chain || !previous || !known || !actor || !device || !timestamp)
        return CryptoError::Malformed;
    change.chain = *ChainId::fromBytes(*chain);
    change.action = *known;
    change.actor = DeviceAddress{*actor, DeviceId{*device}};
    change.timestampMs = *timestamp;
    if (change.action == MembershipAction::Create) {
        if (*previous != QByteArray(kMembershipHashSize, '\0'))
            return CryptoError::Malformed;
        const auto kind = r.u8();
        const auto titleSize = r.u16();
        const auto title = titleSize ? r.bytes(*titleSize) : std::nullopt;
        const auto count = r.u32();
        const auto chainKind = kind ? fromByte(*kind, ConversationKind::Channel) : std::nullopt;
        if (!chainKind || !title || !count)
            return CryptoError::Malformed;
        change.kind = *chainKind;
        change.title = QString::fromUtf8(*title);
        if (change.title.toUtf8() != *title)
            return CryptoError::Malformed;
        for (quint32 i = 0; i < *count; ++i) {
            const auto user = r.user();
            const auto role = r.u8();
            const auto memberRole = role ? fromByte(*role, Role::Member) : std::nullopt;
            if (!user || !memberRole)
                return CryptoError::Malformed;
            change.members.append(InitialMember{*user, *memberRole});
        }
    } else {
        change.previous = previous->toByteArray();
        const auto target = r.user();
        const auto role = r.u8();
        const auto targetRole = role ? fromByte(*role, Role::Member) : std::nullopt;
        if (!target || !role || (*role != 0 && !targetRole))
            return CryptoError::Malformed;
        change.target = *target;
        change.role = targetRole;
    }
    if (r.remaining() != kSignatureSize || !wellFormed(change))
        return CryptoError::Malformed;
    return MembershipOp(std::move(change), bytes.toByteArray());
}

CryptoResult<void> MembershipOp::verify(const SigningPublicKey &actorDeviceKey) const {
    const QByteArrayView all(m_bytes);
    const QByteArrayView body = all.first(all.size() - kSignatureSize);
    if (!verifySignature(actorDeviceKey.bytes(), details::tagged(kSignatureTag, body),
                         all.last(kSignatureSize)))
        return CryptoError::BadSignature;
    return {};
}

QByteArray MembershipOp::hash() const {
    ensureInitialised();
    const QByteArray input = details::tagged(kHashTag, m_bytes);
    QByteArray out(kMembershipHashSize, Qt::Uninitialized);
    crypto_generichash(details::uc(out), size_t(out.size()), details::uc(input),
                       static_cast<unsigned long long>(input.size()), nullptr, 0);
    return out;
}

} // namespace hearth::crypto
