// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/store/store.h"

#include <QFuture>
#include <QPromise>
#include <QString>
#include <QThread>
#include <functional>
#include <memory>
#include <type_traits>

namespace hearth::store {

//! Runs store work off the caller's thread: owns one Store (connection) on a thread of its own
//! and runs submitted jobs there one at a time, in submission order.
//!
//! The threading rule of the store: each connection is used by one thread at a time. The app
//! keeps one StoreWorker over the ReadWrite store — the only writer, so writes are ordered and
//! never contend — and reads either through it (ordered after earlier writes) or through
//! StoreWorkers over ReadOnly stores, which WAL lets run while a write is in progress; they see
//! the last committed state. A UI thread never touches a connection.
//!
//! ```
//! writer.submit([event](Store &s) { return s.events().insert(event); })
//!     .then(this, [](StoreResult<InsertOutcome> r) { ... }); // back on this QObject's thread
//! ```
class StoreWorker final {
public:
    //! Takes the store over and starts the thread (named `name` for debuggers).
    explicit StoreWorker(std::unique_ptr<Store> store,
                         const QString &name = QStringLiteral("hearth-store"));
    //! Runs every job already submitted, closes the connection on its thread, joins the thread.
    ~StoreWorker();
    StoreWorker(const StoreWorker &) = delete;
    StoreWorker &operator=(const StoreWorker &) = delete;

    //! Queues `job(Store &)`; the future gets its return value. Jobs must not block on other
    //! jobs' futures (one thread runs them all). Thread-safe.
    template <class F> auto submit(F &&job) -> QFuture<std::invoke_result_t<F &, Store &>> {
        using R = std::invoke_result_t<F &, Store &>;
        auto promise = std::make_shared<QPromise<R>>();
        auto shared = std::make_shared<std::decay_t<F>>(std::forward<F>(job));
        QFuture<R> future = promise->future();
        promise->start();
        post([promise, shared](Store &store) {
            if constexpr (std::is_void_v<R>)
                (*shared)(store);
            else
                promise->addResult((*shared)(store));
            promise->finish();
        });
        return future;
    }

private:
    void post(std::function<void(Store &)> task);

    std::unique_ptr<Store> m_store;
    QThread m_thread;
    std::unique_ptr<QObject> m_context; // lives in m_thread: queued calls run there, in order
};

} // namespace hearth::store
