// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QString>

namespace hearth::app {

//! What the app knows of other members' presence (relayed by the relay, never stored).
class PresenceBook final : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;

    struct Entry final {
        QString status = QStringLiteral("offline"); //!< "online", "away" or "offline"
        qint64 lastSeenMs = 0;                      //!< when offline, if known
    };

    [[nodiscard]] Entry entry(const QString &user) const { return m_entries.value(user); }
    [[nodiscard]] QString status(const QString &user) const { return entry(user).status; }
    //! "online", "away", "last seen 10:42", "last seen yesterday", "offline".
    [[nodiscard]] QString describe(const QString &user) const;

    void update(const QString &user, const QString &status, qint64 lastSeenMs);

Q_SIGNALS:
    void changed(const QString &user);

private:
    QHash<QString, Entry> m_entries;
};

} // namespace hearth::app
