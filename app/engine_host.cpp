// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/engine_host.h"

#include "app/error_text.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace hearth::app {

namespace {

//! Removes what Profile::create made (never the directory itself: it may hold other files).
void removeProfileFiles(const QString &directory) {
    QDir dir(directory);
    const QString db = QString::fromLatin1(store::Profile::kDatabaseFile);
    for (const QString &name :
         {db, db + u"-wal"_s, db + u"-shm"_s, QString::fromLatin1(store::Profile::kSaltFile)})
        dir.remove(name);
}

struct Opened final {
    std::optional<QString> error;
    engine::SyncEngine *engine = nullptr;
    std::optional<store::Profile> profile;
    QString user;
};

//! Opens or creates the profile and its engine; on the engine thread.
Opened openOnEngineThread(const OpenRequest &request) {
    const bool fresh = request.mode != OpenRequest::Mode::Unlock;
    auto profile =
        fresh         ? store::Profile::create(request.directory, request.passphrase, request.cost)
        : request.key ? store::Profile::unlockWithKey(request.directory, std::move(*request.key))
                      : store::Profile::unlock(request.directory, request.passphrase);
    if (!profile)
        return {errorText(profile.error()), nullptr, std::nullopt, {}};
    auto engine = engine::SyncEngine::open(profile.value());
    if (!engine) {
        if (fresh)
            removeProfileFiles(request.directory);
        return {errorText(engine.error()), nullptr, std::nullopt, {}};
    }
    return {std::nullopt, engine.value().release(), profile.value(), {}};
}

} // namespace

EngineHost::EngineHost(QObject *parent)
    : QObject(parent) {
    m_thread.setObjectName(u"hearth-engine"_s);
    m_threadContext = new QObject;
    m_threadContext->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_threadContext, &QObject::deleteLater);
    m_thread.start();
}

EngineHost::~EngineHost() {
    auto *engine = m_engine;
    QMetaObject::invokeMethod(
        m_threadContext,
        [engine] {
            if (engine)
                engine->stop();
            delete engine;
        },
        Qt::BlockingQueuedConnection);
    m_searchReader.reset();
    m_reader.reset();
    m_thread.quit();
    m_thread.wait();
}

void EngineHost::post(std::function<void(engine::SyncEngine &)> work) {
    auto *engine = m_engine;
    if (!engine)
        return;
    QMetaObject::invokeMethod(m_threadContext, [engine, work = std::move(work)] { work(*engine); });
}

void EngineHost::postWithCompletion(
    std::function<void(engine::SyncEngine &, engine::Completion)> work, QObject *context,
    std::function<void(const Outcome &)> done) {
    postWithReply<Outcome>(
        [work = std::move(work)](engine::SyncEngine &engine, std::function<void(Outcome)> reply) {
            work(engine, [reply](const std::optional<engine::EngineError> &error) {
                reply(error ? Outcome(errorText(*error)) : std::nullopt);
            });
        },
        context, [done = std::move(done)](Outcome outcome) { done(outcome); });
}

void EngineHost::open(OpenRequest request, QObject *context,
                      std::function<void(const std::optional<QString> &)> done) {
    QPointer<QObject> guard(context);
    auto finish = [this, guard, done](Opened opened) {
        QMetaObject::invokeMethod(this, [this, guard, done, opened = std::move(opened)] {
            if (opened.engine) {
                m_engine = opened.engine;
                m_user = opened.user;
                m_profile = opened.profile;
                auto reader = opened.profile->openStore(store::Access::ReadOnly);
                auto searchReader = opened.profile->openStore(store::Access::ReadOnly);
                if (reader && searchReader) {
                    m_reader = std::make_unique<store::StoreWorker>(std::move(reader.value()),
                                                                    u"hearth-reader"_s);
                    m_searchReader = std::make_unique<store::StoreWorker>(
                        std::move(searchReader.value()), u"hearth-search"_s);
                }
                Q_EMIT engineReady();
            }
            if (guard)
                done(opened.engine && !m_reader
                         ? std::optional<QString>(u"Your local profile could not be read."_s)
                         : opened.error);
        });
    };
    QMetaObject::invokeMethod(m_threadContext, [request = std::move(request), finish] {
        Opened opened = openOnEngineThread(request);
        if (!opened.engine)
            return finish(std::move(opened));
        engine::SyncEngine *engine = opened.engine;
        auto started = [finish, request, opened](const std::optional<engine::EngineError> &error) {
            Opened result = opened;
            if (error) {
                delete result.engine;
                removeProfileFiles(request.directory);
                result = {errorText(*error), nullptr, std::nullopt, {}};
            } else {
                result.user = result.engine->user().name;
            }
            finish(std::move(result));
        };
        switch (request.mode) {
        case OpenRequest::Mode::Unlock:
            if (auto error = engine->start()) {
                delete engine;
                return finish({errorText(*error), nullptr, std::nullopt, {}});
            }
            opened.user = engine->user().name;
            return finish(std::move(opened));
        case OpenRequest::Mode::Register:
            return engine->registerAccount(request.relay, request.user, request.password,
                                           request.deviceName, started);
        case OpenRequest::Mode::AddDevice:
            return engine->addDevice(request.relay, request.user, request.password,
                                     request.deviceName, started);
        }
    });
}

} // namespace hearth::app
