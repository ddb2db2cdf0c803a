// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: bounds-checked big-endian encoding for the formats documented in docs/crypto.md.

#include "crypto/crypto_result.h"
#include "crypto/envelope_type.h"
#include "crypto/ids.h"
#include "crypto/secret_bytes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QtEndian>
#include <cstring>
#include <optional>

namespace hearth::crypto::details {

inline const unsigned char *uc(QByteArrayView view) {
    return reinterpret_cast<const unsigned char *>(view.data());
}
inline unsigned char *uc(QByteArray &bytes) {
    return reinterpret_cast<unsigned char *>(bytes.data());
}

//! Size of a length-prefixed user name (u16 BE length + UTF-8).
inline qsizetype userFieldSize(const UserId &user) {
    return 2 + user.name.toUtf8().size();
}

//! Writes into a buffer whose size was computed beforehand; a write past the end is a bug.
class SpanWriter final {
public:
    SpanWriter(unsigned char *data, qsizetype size)
        : m_data(data)
        , m_size(size) {}
    explicit SpanWriter(QByteArray &bytes)
        : SpanWriter(uc(bytes), bytes.size()) {}
    explicit SpanWriter(SecretBytes &secret)
        : SpanWriter(secret.data(), static_cast<qsizetype>(secret.size())) {}

    void u8(quint8 value) { put(&value, 1); }
    void u16(quint16 value) {
        unsigned char buf[2];
        qToBigEndian(value, buf);
        put(buf, 2);
    }
    void u32(quint32 value) {
        unsigned char buf[4];
        qToBigEndian(value, buf);
        put(buf, 4);
    }
    void u64(quint64 value) {
        unsigned char buf[8];
        qToBigEndian(value, buf);
        put(buf, 8);
    }
    void bytes(QByteArrayView view) { put(uc(view), view.size()); }
    void bytes(const unsigned char *data, qsizetype size) { put(data, size); }
    //! u16 BE length + UTF-8 (callers validate the length first).
    void user(const UserId &user) {
        const QByteArray utf8 = user.name.toUtf8();
        u16(static_cast<quint16>(utf8.size()));
        bytes(utf8);
    }
    [[nodiscard]] qsizetype position() const { return m_pos; }
    [[nodiscard]] bool full() const { return m_pos == m_size; }

private:
    void put(const unsigned char *data, qsizetype size) {
        if (size > m_size - m_pos)
            qFatal("SpanWriter overflow");
        if (size > 0)
            std::memcpy(m_data + m_pos, data, static_cast<size_t>(size));
        m_pos += size;
    }

    unsigned char *m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
};

//! Reads fields in order; every read fails (nullopt) instead of running past the end.
class ByteReader final {
public:
    explicit ByteReader(QByteArrayView data)
        : m_data(data) {}

    std::optional<quint8> u8() {
        if (remaining() < 1)
            return std::nullopt;
        return static_cast<quint8>(m_data[m_pos++]);
    }
    std::optional<quint16> u16() { return fixed<quint16>(); }
    std::optional<quint32> u32() { return fixed<quint32>(); }
    std::optional<quint64> u64() { return fixed<quint64>(); }
    std::optional<QByteArrayView> bytes(qsizetype size) {
        if (size < 0 || remaining() < size)
            return std::nullopt;
        const QByteArrayView out = m_data.sliced(m_pos, size);
        m_pos += size;
        return out;
    }
    //! A length-prefixed user name: 1..kMaxUserIdBytes bytes of valid UTF-8.
    std::optional<UserId> user() {
        const std::optional<quint16> size = u16();
        if (!size || *size == 0 || *size > kMaxUserIdBytes)
            return std::nullopt;
        const std::optional<QByteArrayView> utf8 = bytes(*size);
        if (!utf8)
            return std::nullopt;
        UserId user{QString::fromUtf8(*utf8)};
        // why: fromUtf8 replaces invalid sequences, so two byte strings could map to one name;
        // only the canonical encoding is accepted.
        if (user.name.toUtf8() != *utf8)
            return std::nullopt;
        return user;
    }
    [[nodiscard]] qsizetype remaining() const { return m_data.size() - m_pos; }
    [[nodiscard]] qsizetype position() const { return m_pos; }
    [[nodiscard]] bool atEnd() const { return m_pos == m_data.size(); }

private:
    template <class T> std::optional<T> fixed() {
        if (remaining() < qsizetype(sizeof(T)))
            return std::nullopt;
        const T value = qFromBigEndian<T>(m_data.data() + m_pos);
        m_pos += qsizetype(sizeof(T));
        return value;
    }

    QByteArrayView m_data;
    qsizetype m_pos = 0;
};

//! A reader past the version and type bytes of `bytes`, which must be an envelope of `type`:
//! the errors of peekEnvelopeType, or WrongType for another valid type.
inline CryptoResult<ByteReader> envelopeReader(QByteArrayView bytes, EnvelopeType type) {
    const CryptoResult<EnvelopeType> found = peekEnvelopeType(bytes);
    if (!found)
        return found.error();
    if (*found != type)
        return CryptoError::WrongType;
    ByteReader reader(bytes);
    (void)reader.bytes(2);
    return reader;
}

//! `tag` || `bytes`: a domain-separated AEAD associated data or signature input.
inline QByteArray tagged(QByteArrayView tag, QByteArrayView bytes) {
    QByteArray out;
    out.reserve(tag.size() + bytes.size());
    out.append(tag);
    out.append(bytes);
    return out;
}

} // namespace hearth::crypto::details
