// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/engine/engine_harness.h"

#include "sync/store/store.h"

#include <QSignalSpy>
#include <QTest>

namespace hearth::test {

using namespace Qt::Literals::StringLiterals;
using hearth::ConversationId;

TestDevice::TestDevice() {
    m_directory = m_dir.path() + u"/profile"_s;
    auto profile =
        store::Profile::create(m_directory, kTestPassphrase, crypto::PasswordHashCost::Minimum);
    if (!profile)
        qFatal("cannot create a test profile");
    openEngine();
}

TestDevice::~TestDevice() = default;

void TestDevice::openEngine() {
    auto profile = store::Profile::unlock(m_directory, kTestPassphrase);
    if (!profile)
        qFatal("cannot unlock the test profile");
    auto engine = engine::SyncEngine::open(*profile);
    if (!engine)
        qFatal("cannot open the engine: %s", qPrintable(engine.error().message));
    m_engine = std::move(engine.value());
    engine::ConnectionTiming timing;
    timing.initialBackoff = std::chrono::milliseconds(50);
    timing.maxBackoff = std::chrono::milliseconds(500);
    m_engine->setConnectionTiming(timing);
    m_caughtUp = false;
    QObject::connect(m_engine.get(), &engine::SyncEngine::caughtUp, m_engine.get(),
                     [this] { m_caughtUp = true; });
}

bool TestDevice::reopen() {
    m_engine.reset();
    openEngine();
    return !m_engine->start().has_value();
}

QString TestDevice::registerAccount(const QUrl &relay, const QString &user) {
    const QString error = await([&](engine::Completion done) {
        m_engine->registerAccount(relay, user, QString::fromLatin1(kTestPassword), u"test device"_s,
                                  done);
    });
    if (error.isEmpty() && !QTest::qWaitFor([this] { return m_caughtUp; }, kEngineWaitMs))
        return u"registered but never caught up"_s;
    return error;
}

QString TestDevice::addDevice(const QUrl &relay, const QString &user) {
    return await([&](engine::Completion done) {
        m_engine->addDevice(relay, user, QString::fromLatin1(kTestPassword), u"second device"_s,
                            done);
    });
}

bool TestDevice::waitCaughtUp(int timeoutMs) {
    m_caughtUp = false;
    return QTest::qWaitFor([this] { return m_caughtUp; }, timeoutMs);
}

QStringList TestDevice::history(ConversationId conversation) {
    QStringList lines;
    auto events = m_engine->store().timeline().after(conversation, 0, 100000);
    if (!events)
        return {u"<store error>"_s};
    for (const store::TimelineEvent &event : *events) {
        QStringList reactions;
        for (const store::ReactionGroup &group : event.reactions)
            reactions.append(group.emoji + QString::number(group.users.size()));
        lines.append(u"%1|%2|%3|%4|%5%6|%7"_s.arg(event.seq)
                         .arg(event.sender.user.name, event.text)
                         .arg(int(event.decryption))
                         .arg(event.editedTs ? u"edited"_s : QString(),
                              event.deleted ? u"deleted"_s : QString(), reactions.join(u',')));
    }
    return lines;
}

QStringList TestDevice::texts(ConversationId conversation) {
    QStringList texts;
    auto events = m_engine->store().timeline().after(conversation, 0, 100000);
    if (!events)
        return texts;
    for (const store::TimelineEvent &event : *events) {
        if (event.kind == store::EventKind::Message &&
            event.decryption == store::DecryptionState::Ok)
            texts.append(event.text);
    }
    return texts;
}

qint64 TestDevice::unread(ConversationId conversation) {
    auto count = m_engine->store().timeline().unreadCount(conversation);
    return count ? *count : -1;
}

quint64 TestDevice::readMarker(ConversationId conversation) {
    auto marker = m_engine->store().readMarkers().readMarker(conversation);
    return marker ? *marker : 0;
}

QString await(const std::function<void(engine::Completion)> &operation, int timeoutMs) {
    bool finished = false;
    QString message;
    operation([&](const std::optional<engine::EngineError> &error) {
        finished = true;
        if (error)
            message = error->message.isEmpty() ? u"failed"_s : error->message;
    });
    if (!QTest::qWaitFor([&] { return finished; }, timeoutMs))
        return u"timed out"_s;
    return message;
}

std::optional<ConversationId> createConversation(engine::SyncEngine &engine,
                                                 hearth::ConversationKind kind,
                                                 const QStringList &members, const QString &title) {
    std::optional<ConversationId> result;
    const QString error = await([&](engine::Completion done) {
        engine.createConversation(kind, title, members,
                                  [&result, done](const engine::EngineResult<ConversationId> &r) {
                                      if (r) {
                                          result = r.value();
                                          done(std::nullopt);
                                      } else {
                                          done(r.error());
                                      }
                                  });
    });
    if (!error.isEmpty())
        qWarning("createConversation: %s", qPrintable(error));
    return result;
}

QString addApprovedDevice(TestDevice &first, TestDevice &second, const QUrl &relay) {
    QSignalSpy awaiting(&first.engine(), &engine::SyncEngine::deviceAwaitingApproval);
    if (QString error = second.addDevice(relay, first->user().name); !error.isEmpty())
        return u"add device: "_s + error;
    const quint64 device = second->device().value;
    if (!QTest::qWaitFor(
            [&] {
                for (const auto &args : awaiting) {
                    if (args.at(0).toULongLong() == device)
                        return true;
                }
                return false;
            },
            kEngineWaitMs))
        return u"no approval prompt for the new device"_s;
    const QString code = second->approvalCode();
    if (code.isEmpty())
        return u"the new device shows no approval code"_s;
    if (QString error = await([&](engine::Completion done) {
            first->approveDevice(hearth::DeviceId{device}, code, done);
        });
        !error.isEmpty())
        return u"approve: "_s + error;
    if (!QTest::qWaitFor([&] { return second->holdsAccountKey(); }, kEngineWaitMs))
        return u"the approved device did not receive the account key"_s;
    return {};
}

} // namespace hearth::test
