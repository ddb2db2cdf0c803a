// SPDX-License-Identifier: GPL-3.0-or-later
// Every request type of the protocol schema has a relay handler, and nothing else does.
#include "relay/handlers/handlers.h"
#include "sync/protocol/schema.h"

#include <QTest>

using namespace hearth;
using namespace Qt::Literals::StringLiterals;

class TestHandlerTable final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyRequestTypeHasAHandler() {
        for (const protocol::RequestSpec &spec : protocol::requestSpecs())
            QVERIFY2(relay::findHandler(spec.type) != nullptr, spec.type.data());
    }

    void pushAndReplyTypesHaveNone() {
        QVERIFY(relay::findHandler("ok"_L1) == nullptr);
        QVERIFY(relay::findHandler("error"_L1) == nullptr);
        QVERIFY(relay::findHandler("event"_L1) == nullptr);
        QVERIFY(relay::findHandler("no_such_type"_L1) == nullptr);
    }
};

QTEST_GUILESS_MAIN(TestHandlerTable)
#include "tst_handler_table.moc"
