// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: reading nullable enum and reference columns.

#include "sync/store/event.h"
#include "sync/store/statement.h"

#include <optional>

namespace hearth::store::details {

template <class E> std::optional<E> optionalEnum(const Statement &row, int column) {
    if (row.isNull(column))
        return std::nullopt;
    return static_cast<E>(row.int64(column));
}

template <class E> std::optional<int> enumOrNull(const std::optional<E> &value) {
    return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
}

//! An EventRef stored as a (seq, cmid, sender) column triple; nullopt when seq and cmid are
//! NULL.
inline std::optional<EventRef> optionalRef(const Statement &row, int seqColumn, int cmidColumn,
                                           int senderColumn) {
    if (!row.isNull(seqColumn))
        return EventRef::bySeq(row.uint64(seqColumn));
    if (auto cmid = ClientMessageId::fromBytes(row.blob(cmidColumn)))
        return EventRef::byCmid(UserId{row.text(senderColumn)}, *cmid);
    return std::nullopt;
}

//! Binds an optional EventRef to the (seq, cmid, sender) parameter triple starting at `index`.
inline void bindRef(Statement &statement, int index, const std::optional<EventRef> &ref) {
    statement.bindOptInt(index, ref ? ref->seq : std::nullopt);
    if (ref && ref->cmid) {
        statement.bindBlob(index + 1, ref->cmid->bytes());
        statement.bindText(index + 2, ref->sender.name);
    } else {
        statement.bindNull(index + 1);
        statement.bindNull(index + 2);
    }
}

} // namespace hearth::store::details
