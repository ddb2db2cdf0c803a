// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QTimer>

namespace hearth::app {

//! Tells when the member has been away from the keyboard and mouse for a while (presence
//! "away") and when they are back. Watches the application's input events once started.
class IdleWatcher final : public QObject {
    Q_OBJECT

public:
    //! Idle this long without keyboard or mouse input: away.
    static constexpr qint64 kAwayAfterMs = 5 * 60 * 1000;

    explicit IdleWatcher(QObject *parent = nullptr);
    ~IdleWatcher() override;

    void start();
    [[nodiscard]] bool away() const { return m_away; }

Q_SIGNALS:
    void awayChanged(bool away);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void check();

    QTimer m_timer;
    qint64 m_lastInputMs = 0;
    bool m_away = false;
};

} // namespace hearth::app
