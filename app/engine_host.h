// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/sync_engine.h"
#include "sync/store/profile.h"
#include "sync/store/store_worker.h"

#include <QObject>
#include <QPointer>
#include <QThread>
#include <QUrl>
#include <functional>
#include <memory>
#include <optional>

namespace hearth::app {

//! How to open a profile.
struct OpenRequest final {
    enum class Mode {
        Unlock,    //!< an existing profile
        Register,  //!< a new profile and a new account on `relay`
        AddDevice, //!< a new profile signing in to an existing account
    };
    Mode mode = Mode::Unlock;
    QString directory;
    QByteArray passphrase;
    //! Unlock only: the store key from the OS keychain instead of the passphrase.
    std::shared_ptr<crypto::StoreKey> key;
    QUrl relay;       //!< Register, AddDevice
    QString user;     //!< Register, AddDevice
    QString password; //!< Register, AddDevice: the account password
    QString deviceName;
    crypto::PasswordHashCost cost = crypto::PasswordHashCost::Interactive;
};

//! Owns the thread the sync engine lives on, the engine itself and a reader over the same
//! profile. Unlocking (Argon2id) and every engine call run on the engine thread; replies come
//! back on the thread of the object that asked, and are dropped if it is gone.
class EngineHost final : public QObject {
    Q_OBJECT

public:
    explicit EngineHost(QObject *parent = nullptr);
    //! Stops the engine on its thread, then joins it.
    ~EngineHost() override;

    //! Opens (or creates) the profile and its engine on the engine thread and starts syncing.
    //! `done` gets nullopt, or the sentence to show. A failed Register / AddDevice removes the
    //! profile it created, so the member can try again.
    void open(OpenRequest request, QObject *context,
              std::function<void(const std::optional<QString> &error)> done);

    [[nodiscard]] bool isOpen() const { return m_engine != nullptr; }
    //! The engine, for connecting to its signals only: it lives on the engine thread, so call
    //! it through post().
    [[nodiscard]] engine::SyncEngine *engine() const { return m_engine; }
    //! Runs `work(Store &)` on the reader (a read-only connection off the UI thread) and hands
    //! its result to `done` on this object's thread, unless `context` is gone by then. Reads
    //! run one at a time, in order. Only once open.
    template <class Work, class Done> void read(QObject *context, Work work, Done done) {
        runOn(*m_reader, context, std::move(work), std::move(done));
    }
    //! As read(), on a second reader kept for searches: a long one never holds up
    //! a timeline page.
    template <class Work, class Done> void readForSearch(QObject *context, Work work, Done done) {
        runOn(*m_searchReader, context, std::move(work), std::move(done));
    }
    [[nodiscard]] const QString &userName() const { return m_user; }
    //! The open profile (its key, for the OS keychain).
    [[nodiscard]] const std::optional<store::Profile> &profile() const { return m_profile; }

    //! Runs `work(engine)` on the engine thread.
    void post(std::function<void(engine::SyncEngine &)> work);

    //! Runs `work(engine, reply)` on the engine thread; `reply(value)` (from any thread) brings
    //! `value` to `done` on `context`'s thread, unless `context` is gone by then.
    template <class T>
    void postWithReply(std::function<void(engine::SyncEngine &, std::function<void(T)>)> work,
                       QObject *context, std::function<void(T)> done) {
        QPointer<QObject> guard(context);
        auto reply = [this, guard, done = std::move(done)](T value) {
            QMetaObject::invokeMethod(this, [guard, done, value = std::move(value)] {
                if (guard)
                    done(value);
            });
        };
        post([work = std::move(work), reply](engine::SyncEngine &engine) { work(engine, reply); });
    }

    //! Completion of an engine call as the sentence to show (nullopt: it worked).
    using Outcome = std::optional<QString>;
    //! Adapts an engine Completion to `done` on `context`'s thread.
    void postWithCompletion(std::function<void(engine::SyncEngine &, engine::Completion)> work,
                            QObject *context, std::function<void(const Outcome &)> done);

Q_SIGNALS:
    //! Emitted on this object's thread once the engine exists (before open()'s `done`).
    void engineReady();

private:
    template <class Work, class Done>
    void runOn(store::StoreWorker &worker, QObject *context, Work work, Done done) {
        QPointer<QObject> guard(context);
        (void)worker.submit([this, guard, work = std::move(work),
                             done = std::move(done)](store::Store &store) mutable {
            auto result = work(store);
            QMetaObject::invokeMethod(this, [guard, done, result = std::move(result)] {
                if (guard)
                    done(result);
            });
        });
    }

    QThread m_thread;
    QObject *m_threadContext = nullptr;     // lives in m_thread: posted work runs there
    engine::SyncEngine *m_engine = nullptr; // lives in m_thread; deleted there
    std::unique_ptr<store::StoreWorker> m_reader;
    std::unique_ptr<store::StoreWorker> m_searchReader;
    std::optional<store::Profile> m_profile;
    QString m_user;
};

} // namespace hearth::app
