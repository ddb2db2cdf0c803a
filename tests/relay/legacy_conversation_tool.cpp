// SPDX-License-Identifier: GPL-3.0-or-later
// hearth-test-legacy-conv <relay.sqlite3> <creator> <member>...: writes into a stopped relay's
// database a group as relays before signed membership made it (no chain: "legacy"), through
// the relay's own storage, and prints its id. Its own process: the relay's QtSql SQLite must
// not share one with the tests' SQLCipher.
#include "relay/conversation_cache.h"
#include "relay/event_log.h"
#include "relay/storage/sql_storage.h"
#include "sync/protocol/protocol.h"

#include <QCoreApplication>
#include <QDateTime>
#include <cstdio>

using hearth::DeviceId;
using namespace hearth;
using namespace hearth::relay;
using namespace Qt::Literals::StringLiterals;
namespace proto = hearth::protocol;

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: hearth-test-legacy-conv <db> <creator> <member>...\n");
        return 2;
    }
    SqlStorage storage;
    if (const auto error = storage.open(args[0], Durability::Full)) {
        std::fprintf(stderr, "%s\n", qPrintable(*error));
        return 1;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString kind(proto::kind::kGroup);
    const QString title = u"legacy"_s;
    if (!storage.begin())
        return 1;
    const auto conv = storage.createConversation(kind, title, QString(), QByteArray(), now);
    if (!conv)
        return 1;
    ConversationState state;
    state.info = Conversation{*conv, kind, title, 0, {}, {}};
    for (qsizetype i = 1; i < args.size(); ++i) {
        const auto account = storage.findAccount(args[i]);
        if (!account) {
            std::fprintf(stderr, "no account %s\n", qPrintable(args[i]));
            return 1;
        }
        const bool creator = i == 1;
        const QString role(creator ? proto::role::kOwner : proto::role::kMember);
        const QString action(creator ? proto::action::kCreate : proto::action::kAdd);
        EventRecord event =
            membershipEvent(state, storage.findAccount(args[1])->id, args[1], DeviceId{1}, now,
                            MembershipChange{action, args[i], role, kind, title, {}});
        if (!appendToLog(storage, state, event) ||
            !storage.putMembership(Membership{*conv, account->id, args[i], role, 1, std::nullopt}))
            return 1;
    }
    if (!storage.commit())
        return 1;
    std::printf("%lld\n", static_cast<long long>(conv->value));
    return 0;
}
