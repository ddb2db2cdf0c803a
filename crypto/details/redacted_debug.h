// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDebug>
#include <QString>

namespace hearth::crypto::details {

//! The debug text of every type that holds a secret: "Type(detail, redacted)", or
//! "Type(redacted)" without a detail. One helper, so no operator<< prints key bytes by accident.
inline QDebug redactedDebug(QDebug debug, const char *type, const QString &detail = {}) {
    const QDebugStateSaver saver(debug);
    debug.noquote().nospace() << type << '(';
    if (!detail.isEmpty())
        debug << detail << ", ";
    debug << "redacted)";
    return debug;
}

} // namespace hearth::crypto::details
