// SPDX-License-Identifier: GPL-3.0-or-later
// An HTML transcript as a reader sees it: exported from a real profile, laid out by Qt's rich
// text engine (QTextDocument, a subset of HTML/CSS: no CSS variables, so its colours are not
// the page's) and saved as transcript.png with the page itself as transcript.html in the
// working directory, to look at after changing the HTML writer. Checks what the layout shows:
// escaped markup as text, kept newlines, each message, the marks.
#include "sync/engine/transcript_export.h"
#include "tests/store/store_test_support.h"

#include <QBuffer>
#include <QImage>
#include <QPainter>
#include <QTextDocument>

using namespace hearth;
using namespace hearth::store;
using namespace hearth::store::test;

namespace {

constexpr qint64 kDay = 86'400'000;

IncomingEvent at(IncomingEvent event, qint64 ts) {
    event.ts = ts;
    return event;
}

void fill(Store &store, qint64 start) {
    if (!store.conversations().upsert({kConv, ConversationKind::Group, u"Garden <club> & friends"_s,
                                       Role::Owner, 0, 1, std::nullopt}))
        qFatal("cannot store the conversation");
    IncomingEvent plan = message(4, kAlice, u"Who's bringing the seedlings on Saturday?"_s);
    IncomingEvent typo = message(5, kBob, u"I can brnig them"_s);
    IncomingEvent gone = message(7, kAlice, u"oops, wrong chat"_s);
    IncomingEvent pending = message(8, kBob, {});
    pending.decryption = DecryptionState::Pending;
    pending.content = {};
    pending.ciphertext = "x"_ba;
    pending.sessionId = crypto::SessionId::generate();
    IncomingEvent own = message(9, kMe, u"Thanks both!\nSee you at 10.\n\n  — me"_s);
    own.sender = DeviceAddress{kMe, DeviceId{1}};
    QList<IncomingEvent> events{
        at(membership(1, MembershipAction::Create, kMe, Role::Owner), start),
        at(membership(2, MembershipAction::Add, kAlice, Role::Member), start + 60'000),
        at(membership(3, MembershipAction::Add, kBob, Role::Member), start + 61'000),
        at(plan, start + 3'600'000),
        at(typo, start + 3'700'000),
        at(message(6, kAlice, u"Try this: <script>alert(\"hi\")</script> *not bold*"_s),
           start + 3'800'000),
        at(gone, start + kDay + 600'000),
        at(pending, start + kDay + 700'000),
        at(own, start + kDay + 800'000),
        at(relation(10, kBob, Relation::Edit, EventRef::byCmid(kBob, *typo.cmid),
                    u"I can bring them"_s),
           start + kDay + 900'000),
        at(relation(11, kAlice, Relation::Delete, EventRef::byCmid(kAlice, *gone.cmid)),
           start + kDay + 901'000),
        at(relation(12, kBob, Relation::React, EventRef::byCmid(kAlice, *plan.cmid), u"👍"_s),
           start + kDay + 902'000),
        at(relation(13, kMe, Relation::React, EventRef::byCmid(kAlice, *plan.cmid), u"👍"_s),
           start + kDay + 903'000),
        at(relation(14, kMe, Relation::React, EventRef::byCmid(kAlice, *plan.cmid), u"🌱"_s),
           start + kDay + 904'000),
    };
    if (!store.events().insertAll(events))
        qFatal("cannot store the events");
}

} // namespace

class TestTranscriptRender final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void renderTranscript() {
        TempProfile temp;
        const qint64 start =
            QDateTime(QDate(2026, 11, 28), QTime(9, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        fill(*temp.store, start);
        engine::TranscriptOptions options;
        options.format = engine::TranscriptFormat::Html;
        options.exportedTs = start + 2 * kDay;
        options.timeZone = QTimeZone::utc();
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        auto status = engine::exportTranscript(*temp.store, kConv, options, buffer);
        QVERIFY(status.ok());
        QFile page(u"transcript.html"_s);
        QVERIFY(page.open(QIODevice::WriteOnly));
        page.write(buffer.data());
        page.close();

        QTextDocument document;
        document.setDefaultFont(QFont(u"DejaVu Sans"_s, 11));
        document.setHtml(QString::fromUtf8(buffer.data()));
        document.setTextWidth(760);
        const QString text = document.toPlainText();
        QVERIFY(text.contains(u"Try this: <script>alert(\"hi\")</script> *not bold*"_s));
        QVERIFY(text.contains(u"I can bring them"_s));
        QVERIFY(!text.contains(u"brnig"_s));
        QVERIFY(!text.contains(u"wrong chat"_s));
        QVERIFY(text.contains(u"Message deleted"_s));
        QVERIFY(text.contains(u"Not decrypted: waiting for its key"_s));
        QVERIFY(text.contains(u"Saturday 28 November 2026"_s));
        QVERIFY(text.contains(u"Sunday 29 November 2026"_s));
        QVERIFY(text.contains(u"Garden <club> & friends"_s));
        // Newlines kept (QTextDocument turns a pre-wrap newline into a line or paragraph break).
        QVERIFY(text.contains(u"Thanks both!\nSee you at 10."_s) ||
                text.contains(u"Thanks both!\u2028See you at 10."_s));

        QImage image(QSize(800, int(document.size().height()) + 40), QImage::Format_RGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.translate(20, 20);
        document.drawContents(&painter);
        painter.end();
        QVERIFY(image.save(u"transcript.png"_s));
    }
};

QTEST_MAIN(TestTranscriptRender)
#include "tst_transcript_render.moc"
