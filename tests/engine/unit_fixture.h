// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared set-up of the engine unit tests: a real store on a temporary SQLCipher profile (for
// what a part reads besides the interface under test), a scripted link instead of a relay, and
// this device's identity with fresh keys. No sockets, no relay, no timers.

#include "sync/engine/engine_context.h"
#include "tests/engine/scripted_link.h"
#include "tests/store/store_test_support.h"

#include <QCborMap>

namespace hearth::test {

//! The account TempProfile creates (kMe, device 1), with fresh keys.
inline engine::Identity unitIdentity() {
    engine::Identity identity;
    identity.user = store::test::kMe;
    identity.device = hearth::DeviceId{1};
    identity.signingKey =
        std::make_shared<const crypto::SigningKeyPair>(crypto::SigningKeyPair::generate());
    identity.dhKey = std::make_shared<const crypto::DhKeyPair>(crypto::DhKeyPair::generate());
    return identity;
}

//! A profile with conversation kConv (no members listed, so no device look-ups), a scripted
//! link and the context over both.
struct UnitFixture {
    store::test::TempProfile temp;
    ScriptedLink link;
    engine::EngineContext context{*temp.store, link, unitIdentity()};

    UnitFixture() {
        store::ConversationInfo info;
        info.id = store::test::kConv;
        info.title = QStringLiteral("unit");
        if (!temp.store->conversations().upsert(info))
            qFatal("cannot create the test conversation");
    }

    //! Hands the link's pushes of `type` to `handler` (on `receiver`), as SyncEngine::onPush
    //! routes them.
    template <class Handler>
    void routePushes(QLatin1StringView type, QObject *receiver, Handler handler) {
        QObject::connect(&link, &engine::RelayLink::pushed, receiver,
                         [type, handler](const protocol::Frame &frame) {
                             if (frame.type() == type)
                                 handler(frame);
                         });
    }
};

//! The fields of the relay's reply to a `send` (seq and relay time).
inline QCborMap sendReply(quint64 seq) {
    QCborMap fields;
    fields.insert(QLatin1StringView("seq"), static_cast<qint64>(seq));
    fields.insert(QLatin1StringView("ts"), static_cast<qint64>(1'700'000'000'000 + seq));
    return fields;
}

} // namespace hearth::test
