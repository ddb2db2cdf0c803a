// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

namespace hearth::relay {

//! Turns SIGTERM and SIGINT into a Qt signal delivered on the event loop (the handler itself
//! only writes a byte to a socket pair, which is all a signal handler may safely do).
class ShutdownSignals final : public QObject {
    Q_OBJECT

public:
    explicit ShutdownSignals(QObject *parent = nullptr);

Q_SIGNALS:
    void requested();
};

} // namespace hearth::relay
