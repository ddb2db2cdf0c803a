// SPDX-License-Identifier: GPL-3.0-or-later
// The typed frames (sync/protocol/messages.h) against the schema table: every request, reply
// and push has a struct whose fields are exactly the schema's (names, types, optional or not,
// nested maps included), and encoding a struct gives a map the schema accepts and decodes back.
#include "sync/protocol/messages.h"
#include "sync/protocol/names.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hearth;
using namespace hearth::protocol;

namespace {

template <class Tuple, class F> void forEachType(F &&visit) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (visit(std::type_identity<std::tuple_element_t<I, Tuple>>{}), ...);
    }
    (std::make_index_sequence<std::tuple_size_v<Tuple>>{});
}

// A struct whose fields disagree with the schema, to show schemaMismatch notices.
struct WrongSend {
    ConversationId conv;
    QString cmid; // bytes on the wire
    static constexpr auto kFields = std::tuple{
        wireField("conv"_L1, &WrongSend::conv),
        wireField("cmid"_L1, &WrongSend::cmid),
    };
};
struct OptionalConv {
    std::optional<ConversationId> conv;
    static constexpr auto kFields = std::tuple{wireField("conv"_L1, &OptionalConv::conv)};
};

} // namespace

class TestMessages final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyRequestAndReplyMatchesTheSchema() {
        QSet<QString> seen;
        forEachType<RequestMessages>([&]<class M>(std::type_identity<M>) {
            const RequestSpec *spec = findRequestSpec(M::kType);
            QVERIFY2(spec != nullptr, qPrintable(QString(M::kType)));
            QCOMPARE(schemaMismatch<M>(spec->request), QString());
            QCOMPARE(schemaMismatch<typename M::Reply>(spec->reply), QString());
            seen.insert(QString(M::kType));
        });
        QCOMPARE(seen.size(), qsizetype(requestSpecs().size()));
    }

    void everyPushMatchesTheSchema() {
        QSet<QString> seen;
        forEachType<PushMessages>([&]<class M>(std::type_identity<M>) {
            const PushSpec *spec = findPushSpec(M::kType);
            QVERIFY2(spec != nullptr, qPrintable(QString(M::kType)));
            QCOMPARE(schemaMismatch<M>(spec->fields), QString());
            seen.insert(QString(M::kType));
        });
        QCOMPARE(seen.size(), qsizetype(pushSpecs().size()));
        QCOMPARE(schemaMismatch<ErrorReply>(errorReplySpec()), QString());
    }

    void mismatchesAreFound() {
        const auto send = findRequestSpec(type::kSend)->request;
        QCOMPARE(schemaMismatch<WrongSend>(send), u"\"cmid\" has another type than the schema's"_s);
        QCOMPARE(schemaMismatch<OptionalConv>(findRequestSpec(type::kMembers)->request),
                 u"\"conv\" is required in the schema"_s);
        QCOMPARE(schemaMismatch<ConversationArgument>(send),
                 u"the schema has 3 fields, the struct 1"_s);
        QCOMPARE(schemaMismatch<SendRequest>(findRequestSpec(type::kSync)->request),
                 u"\"cmid\" is not in the schema"_s);
        // nested maps are compared too
        QCOMPARE(schemaMismatch<SyncReply>(findRequestSpec(type::kMembers)->reply),
                 u"\"events\" is not in the schema"_s);
        QVERIFY(!schemaMismatch<SyncReply>(findRequestSpec(type::kInbox)->reply).isEmpty());
    }

    void namesGoBothWays() {
        for (auto kind : {ConversationKind::Dm, ConversationKind::Group, ConversationKind::Channel})
            QCOMPARE(kindFromName(QString(kindName(kind))), kind);
        for (auto role : {Role::Owner, Role::Admin, Role::Member})
            QCOMPARE(roleFromName(QString(roleName(role))), role);
        for (int a = 0; a <= int(MembershipAction::Role); ++a)
            QCOMPARE(actionFromName(QString(actionName(MembershipAction(a)))), MembershipAction(a));
        QCOMPARE(kindName(ConversationKind::Channel), kind::kChannel);
        QCOMPARE(kindFromName(u"forum"), std::nullopt);
        QCOMPARE(roleFromName(u"Owner"), std::nullopt); // names are exact
    }

    void encodedFramesPassValidationAndDecodeBack() {
        SendRequest send;
        send.conv = ConversationId{7};
        send.cmid = QByteArray(kClientMessageIdSize, 'c');
        send.body = "ciphertext";
        const Frame request = Frame::request(SendRequest::kType, 12, encode(send));
        const auto validated = validateRequest(decodeFrame(request.encode()).value());
        QVERIFY(validated);
        const auto back = decode<SendRequest>(request);
        QCOMPARE(back.conv.value, 7u);
        QCOMPARE(back.cmid, send.cmid);
        QCOMPARE(back.body, send.body);

        SyncReply page;
        Event event;
        event.conv = ConversationId{7};
        event.seq = 3;
        event.ts = 1000;
        event.sender = UserId{u"alice"_s};
        event.device = DeviceId{5};
        event.kind = QString(event_kind::kMembership);
        event.action = QString(action::kAdd);
        event.user = UserId{u"bob"_s};
        page.events = {event};
        page.more = true;
        const Frame reply = Frame::ok(12, encode(page));
        QVERIFY(!validateReply(reply, type::kSync));
        const auto decoded = decode<SyncReply>(reply.map());
        QCOMPARE(decoded.events.size(), 1);
        QCOMPARE(decoded.events[0].user->name, u"bob"_s);
        QVERIFY(!decoded.events[0].cmid); // absent optionals stay absent
        QVERIFY(!encode(decoded.events[0]).contains("cmid"_L1));
        QCOMPARE(encode(decoded), encode(page));
    }
};

QTEST_GUILESS_MAIN(TestMessages)
#include "tst_messages.moc"
