// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/ids.h"
#include "sync/protocol/frame.h"
#include "sync/protocol/protocol.h"
#include "sync/protocol/schema.h"

#include <QCborArray>
#include <QCborMap>
#include <QList>
#include <QStringList>
#include <optional>
#include <span>
#include <tuple>
#include <type_traits>

//! Typed frames: a struct per request, reply, push and nested map (sync/protocol/messages.h)
//! lists its wire fields once, as `static constexpr auto kFields = std::tuple{wireField(name,
//! &Struct::member), ...}`; encode() and decode() follow that list, and tst_messages checks
//! every list against the schema table (names, types, which are optional) both ways.
namespace hearth::protocol {

template <class M, class V> struct FieldBinding {
    QLatin1StringView name;
    V M::*member;
};

//! One wire field of a message struct. std::optional members are optional on the wire.
template <class M, class V>
constexpr FieldBinding<M, V> wireField(QLatin1StringView name, V M::*member) {
    return {name, member};
}

template <class M>
concept Message = requires {
    M::kFields;
};

//! How one C++ type travels: its schema FieldType, to and from CBOR. Decoding assumes the
//! frame passed schema validation; a mistyped value decodes as the type's empty value.
template <class V> struct Wire;

template <> struct Wire<quint64> {
    static constexpr FieldType kType = FieldType::UInt;
    static QCborValue encode(quint64 v) { return QCborValue(static_cast<qint64>(v)); }
    static quint64 decode(const QCborValue &v) {
        return v.isInteger() && v.toInteger() >= 0 ? static_cast<quint64>(v.toInteger()) : 0;
    }
};
template <> struct Wire<ConversationId> {
    static constexpr FieldType kType = FieldType::UInt;
    static QCborValue encode(ConversationId v) { return Wire<quint64>::encode(v.value); }
    static ConversationId decode(const QCborValue &v) { return {Wire<quint64>::decode(v)}; }
};
template <> struct Wire<DeviceId> {
    static constexpr FieldType kType = FieldType::UInt;
    static QCborValue encode(DeviceId v) { return Wire<quint64>::encode(v.value); }
    static DeviceId decode(const QCborValue &v) { return {Wire<quint64>::decode(v)}; }
};
template <> struct Wire<QString> {
    static constexpr FieldType kType = FieldType::Text;
    static QCborValue encode(const QString &v) { return QCborValue(v); }
    static QString decode(const QCborValue &v) { return v.toString(); }
};
template <> struct Wire<UserId> {
    static constexpr FieldType kType = FieldType::Text;
    static QCborValue encode(const UserId &v) { return QCborValue(v.name); }
    static UserId decode(const QCborValue &v) { return {v.toString()}; }
};
template <> struct Wire<QByteArray> {
    static constexpr FieldType kType = FieldType::Bytes;
    static QCborValue encode(const QByteArray &v) { return QCborValue(v); }
    static QByteArray decode(const QCborValue &v) { return v.toByteArray(); }
};
template <> struct Wire<bool> {
    static constexpr FieldType kType = FieldType::Bool;
    static QCborValue encode(bool v) { return QCborValue(v); }
    static bool decode(const QCborValue &v) { return v.toBool(); }
};
//! A map whose fields the schema does not type (the hello reply's limits).
template <> struct Wire<QCborMap> {
    static constexpr FieldType kType = FieldType::Map;
    static QCborValue encode(const QCborMap &v) { return QCborValue(v); }
    static QCborMap decode(const QCborValue &v) { return v.toMap(); }
};
template <> struct Wire<QStringList> {
    static constexpr FieldType kType = FieldType::TextArray;
    static QCborValue encode(const QStringList &v) { return QCborArray::fromStringList(v); }
    static QStringList decode(const QCborValue &v) {
        QStringList out;
        for (const QCborValue &element : v.toArray())
            out.append(element.toString());
        return out;
    }
};
template <> struct Wire<QList<quint64>> {
    static constexpr FieldType kType = FieldType::UIntArray;
    static QCborValue encode(const QList<quint64> &v) {
        QCborArray out;
        for (quint64 element : v)
            out.append(Wire<quint64>::encode(element));
        return out;
    }
    static QList<quint64> decode(const QCborValue &v) {
        QList<quint64> out;
        for (const QCborValue &element : v.toArray())
            out.append(Wire<quint64>::decode(element));
        return out;
    }
};

template <Message M> QCborMap encode(const M &message);
template <Message M> M decode(const QCborMap &map);

template <Message M> struct Wire<M> {
    static constexpr FieldType kType = FieldType::Map;
    static QCborValue encode(const M &v) { return protocol::encode(v); }
    static M decode(const QCborValue &v) { return protocol::decode<M>(v.toMap()); }
};
template <Message M> struct Wire<QList<M>> {
    static constexpr FieldType kType = FieldType::MapArray;
    static QCborValue encode(const QList<M> &v) {
        QCborArray out;
        for (const M &element : v)
            out.append(protocol::encode(element));
        return out;
    }
    static QList<M> decode(const QCborValue &v) {
        QList<M> out;
        for (const QCborValue &element : v.toArray())
            out.append(protocol::decode<M>(element.toMap()));
        return out;
    }
};

namespace details {
template <class V> struct Optional : std::false_type { using Value = V; };
template <class V> struct Optional<std::optional<V>> : std::true_type { using Value = V; };
} // namespace details

//! The message as a CBOR map (absent optionals are left out).
template <Message M> QCborMap encode(const M &message) {
    QCborMap map;
    std::apply(
        [&](const auto &...binding) {
            [[maybe_unused]] const auto put = [&](const auto &b) {
                const auto &value = message.*(b.member);
                using V = std::remove_cvref_t<decltype(value)>;
                using Opt = details::Optional<V>;
                if constexpr (Opt::value) {
                    if (value)
                        map.insert(b.name, Wire<typename Opt::Value>::encode(*value));
                } else {
                    map.insert(b.name, Wire<V>::encode(value));
                }
            };
            (put(binding), ...);
        },
        M::kFields);
    return map;
}

//! The message from a map that passed schema validation (absent optionals are nullopt).
template <Message M> M decode(const QCborMap &map) {
    M message{};
    std::apply(
        [&](const auto &...binding) {
            [[maybe_unused]] const auto get = [&](const auto &b) {
                auto &value = message.*(b.member);
                using V = std::remove_cvref_t<decltype(value)>;
                using Opt = details::Optional<V>;
                const QCborValue cbor = map.value(b.name);
                if constexpr (Opt::value) {
                    if (cbor.isUndefined())
                        value = std::nullopt;
                    else
                        value = Wire<typename Opt::Value>::decode(cbor);
                } else {
                    value = Wire<V>::decode(cbor);
                }
            };
            (get(binding), ...);
        },
        M::kFields);
    return message;
}

//! A request's fields, from a frame the relay validated against its spec.
template <Message M> M decode(const Frame &frame) {
    return decode<M>(frame.map());
}

//! The first difference between M's fields and `spec` (a missing or extra field, a type, an
//! optional flag, recursively into nested maps), or empty when they agree.
template <Message M> QString schemaMismatch(std::span<const FieldSpec> spec);

namespace details {
template <class V> struct ListOf : std::false_type {};
template <Message M> struct ListOf<QList<M>> : std::true_type { using Element = M; };

template <class V> QString nestedMismatch(const FieldSpec &spec) {
    if constexpr (Message<V>)
        return schemaMismatch<V>(spec.nested);
    else if constexpr (ListOf<V>::value)
        return schemaMismatch<typename ListOf<V>::Element>(spec.nested);
    else
        return {};
}
} // namespace details

template <Message M> QString schemaMismatch(std::span<const FieldSpec> spec) {
    QString problem;
    qsizetype count = 0;
    std::apply(
        [&](const auto &...binding) {
            [[maybe_unused]] const auto check = [&](const auto &b) {
                ++count;
                if (!problem.isEmpty())
                    return;
                using V = std::remove_cvref_t<decltype(std::declval<M>().*(b.member))>;
                using Opt = details::Optional<V>;
                using Value = typename Opt::Value;
                const FieldSpec *match = nullptr;
                for (const FieldSpec &candidate : spec)
                    if (candidate.name == b.name)
                        match = &candidate;
                if (match == nullptr)
                    problem = u"\"%1\" is not in the schema"_s.arg(b.name);
                else if (match->type != Wire<Value>::kType)
                    problem = u"\"%1\" has another type than the schema's"_s.arg(b.name);
                else if (match->required == Opt::value)
                    problem = u"\"%1\" is %2 in the schema"_s.arg(
                        b.name, match->required ? u"required"_s : u"optional"_s);
                else if (const QString nested = details::nestedMismatch<Value>(*match);
                         !nested.isEmpty())
                    problem = b.name + u"."_s + nested;
            };
            (check(binding), ...);
        },
        M::kFields);
    if (problem.isEmpty() && count != qsizetype(spec.size()))
        problem = u"the schema has %1 fields, the struct %2"_s.arg(spec.size()).arg(count);
    return problem;
}

} // namespace hearth::protocol
