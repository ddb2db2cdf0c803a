// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/store_worker.h"

#include <QMetaObject>

namespace hearth::store {

StoreWorker::StoreWorker(std::unique_ptr<Store> store, const QString &name)
    : m_store(std::move(store))
    , m_context(std::make_unique<QObject>()) {
    m_thread.setObjectName(name);
    m_context->moveToThread(&m_thread);
    m_thread.start();
}

StoreWorker::~StoreWorker() {
    // why: quitting from a queued call (not QThread::quit() from here) lets every job queued
    // before it run first; the connection closes on the thread that used it.
    QMetaObject::invokeMethod(
        m_context.get(),
        [this] {
            m_store.reset();
            QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    m_thread.wait();
}

void StoreWorker::post(std::function<void(Store &)> task) {
    QMetaObject::invokeMethod(
        m_context.get(), [this, task = std::move(task)] { task(*m_store); }, Qt::QueuedConnection);
}

} // namespace hearth::store
