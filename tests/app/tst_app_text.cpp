// SPDX-License-Identifier: GPL-3.0-or-later
// The app's small text helpers: initials, avatar colours, times, day separators, error texts.
#include "app/avatar_style.h"
#include "app/error_text.h"
#include "app/time_text.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace hearth;

class TestAppText final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initials_data();
    void initials();
    void avatarColorsAreStableAndReadable();
    void dayText();
    void relativeTime();
    void errorsSpeakPlainly();
};

void TestAppText::initials_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");
    QTest::newRow("one word") << u"alice"_s << u"AL"_s;
    QTest::newRow("two words") << u"Garden club"_s << u"GC"_s;
    QTest::newRow("dotted user name") << u"mary.jones"_s << u"MJ"_s;
    QTest::newRow("one letter") << u"x"_s << u"X"_s;
    QTest::newRow("empty") << QString() << u"?"_s;
    QTest::newRow("spaces only") << u"   "_s << u"?"_s;
}

void TestAppText::initials() {
    QFETCH(QString, name);
    QFETCH(QString, expected);
    QCOMPARE(app::initialsOf(name), expected);
}

void TestAppText::avatarColorsAreStableAndReadable() {
    QCOMPARE(app::avatarColorOf(u"alice"_s), app::avatarColorOf(u"alice"_s));
    QSet<QRgb> seen;
    for (const QString &name : {u"alice"_s, u"bob"_s, u"carol"_s, u"dave"_s, u"erin"_s, u"frank"_s,
                                u"grace"_s, u"heidi"_s})
        seen.insert(app::avatarColorOf(name).rgb());
    QVERIFY(seen.size() >= 4); // names spread over the palette
    for (QRgb rgb : seen) {
        // White initials need a dark enough background (WCAG relative luminance).
        const QColor c = QColor::fromRgb(rgb);
        const auto channel = [](double v) {
            return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        const double luminance =
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
        QVERIFY2((1.05) / (luminance + 0.05) >= 4.5, qPrintable(c.name()));
    }
}

void TestAppText::dayText() {
    const QDate today(2026, 3, 12); // a Thursday
    QCOMPARE(app::dayText(today, today), u"Today"_s);
    QCOMPARE(app::dayText(today.addDays(-1), today), u"Yesterday"_s);
    QVERIFY(app::dayText(today.addDays(-3), today).contains(u"9 March"_s));
    QVERIFY(!app::dayText(today.addDays(-40), today).contains(u"2026"_s));
    QVERIFY(app::dayText(QDate(2024, 12, 1), today).contains(u"2024"_s));
}

void TestAppText::relativeTime() {
    const QDateTime now(QDate(2026, 3, 12), QTime(15, 0));
    QVERIFY(!app::relativeTimeText(now.addSecs(-60), now).contains(u"yesterday"_s));
    QVERIFY(app::relativeTimeText(now.addDays(-1), now).startsWith(u"yesterday"_s));
    QVERIFY(app::relativeTimeText(now.addDays(-30), now).contains(u"February"_s));
}

void TestAppText::errorsSpeakPlainly() {
    engine::EngineError taken{engine::EngineErrorCode::Relay, u"user exists"_s,
                              protocol::ErrorCode::UserExists};
    QVERIFY(app::errorText(taken).contains(u"taken"_s));
    engine::EngineError offline{
        engine::EngineErrorCode::NotOnline, u"cannot reach the relay"_s, {}};
    QVERIFY(app::errorText(offline).contains(u"reach the relay"_s));
    store::StoreFailure wrong{store::StoreError::WrongPassphrase, u"The passphrase is wrong."_s};
    QCOMPARE(app::errorText(wrong), u"That passphrase doesn't unlock this profile."_s);
    store::StoreFailure full{store::StoreError::DiskFull, {}};
    QVERIFY(app::errorText(full).contains(u"disk is full"_s));
}

QTEST_GUILESS_MAIN(TestAppText)
#include "tst_app_text.moc"
