// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/protocol/limits.h"

#include <QCborValue>
#include <QTest>

using namespace hearth::protocol;
using namespace Qt::Literals::StringLiterals;

namespace {

const QStringList kFieldNames = {
    u"max_frame_bytes"_s,       u"max_payload_bytes"_s, u"max_to_device_bytes"_s,
    u"max_to_device_batch"_s,   u"max_members"_s,       u"max_devices_per_user"_s,
    u"max_page_size"_s,         u"rate_per_second"_s,   u"rate_burst"_s,
    u"max_send_buffer_bytes"_s,
};

//! Limits with every field different from its default and from each other.
Limits custom() {
    Limits limits;
    limits.maxFrameBytes = 101;
    limits.maxPayloadBytes = 102;
    limits.maxToDeviceBytes = 103;
    limits.maxToDeviceBatch = 104;
    limits.maxMembers = 105;
    limits.maxDevicesPerUser = 106;
    limits.maxPageSize = 107;
    limits.ratePerSecond = 108;
    limits.rateBurst = 109;
    limits.maxSendBufferBytes = Q_INT64_C(1) << 40; // beyond 32 bits
    return limits;
}

} // namespace

class TestLimits final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void customDiffersFromDefaults();
    void roundTrip_data();
    void roundTrip();
    void wireNames();
    void emptyMapGivesDefaults();
    void missingFieldKeepsDefault();
    void badValueKeepsDefault_data();
    void badValueKeepsDefault();
};

void TestLimits::customDiffersFromDefaults() {
    // Guards the tests below: each custom field must differ from its default.
    const QCborMap defaults = Limits().toCbor();
    const QCborMap changed = custom().toCbor();
    for (const QString &name : kFieldNames)
        QVERIFY2(defaults.value(name) != changed.value(name), qPrintable(name));
}

void TestLimits::roundTrip_data() {
    QTest::addColumn<Limits>("limits");
    QTest::newRow("defaults") << Limits();
    QTest::newRow("custom") << custom();
}

void TestLimits::roundTrip() {
    QFETCH(Limits, limits);
    QCOMPARE(Limits::fromCbor(limits.toCbor()), limits);
    // Through bytes too, as the hello reply carries it.
    const QByteArray bytes = QCborValue(limits.toCbor()).toCbor();
    QCOMPARE(Limits::fromCbor(QCborValue::fromCbor(bytes).toMap()), limits);
}

void TestLimits::wireNames() {
    const QCborMap map = custom().toCbor();
    QCOMPARE(map.size(), kFieldNames.size());
    for (const QString &name : kFieldNames)
        QVERIFY2(map.value(name).isInteger(), qPrintable(name));
    QCOMPARE(map.value(u"max_frame_bytes"_s).toInteger(), 101);
    QCOMPARE(map.value(u"max_send_buffer_bytes"_s).toInteger(), Q_INT64_C(1) << 40);
}

void TestLimits::emptyMapGivesDefaults() {
    QCOMPARE(Limits::fromCbor(QCborMap()), Limits());
    QCborMap unrelated;
    unrelated.insert(u"max_frame_bytez"_s, 5);
    unrelated.insert(7, 5);
    QCOMPARE(Limits::fromCbor(unrelated), Limits());
}

void TestLimits::missingFieldKeepsDefault() {
    for (const QString &name : kFieldNames) {
        QCborMap map = custom().toCbor();
        map.remove(name);
        const QCborMap read = Limits::fromCbor(map).toCbor();
        for (const QString &other : kFieldNames) {
            const QCborMap expected = other == name ? Limits().toCbor() : custom().toCbor();
            QVERIFY2(read.value(other) == expected.value(other),
                     qPrintable(name + u" removed, "_s + other + u" wrong"_s));
        }
    }
}

void TestLimits::badValueKeepsDefault_data() {
    QTest::addColumn<QCborValue>("value");
    QTest::newRow("negative") << QCborValue(-5);
    QTest::newRow("zero") << QCborValue(0);
    QTest::newRow("text") << QCborValue(u"5"_s);
    QTest::newRow("double") << QCborValue(5.0);
    QTest::newRow("bool") << QCborValue(true);
    QTest::newRow("bytes") << QCborValue("\x05"_ba);
    QTest::newRow("null") << QCborValue(nullptr);
    QTest::newRow("array") << QCborValue(QCborArray{5});
}

void TestLimits::badValueKeepsDefault() {
    QFETCH(QCborValue, value);
    for (const QString &name : kFieldNames) {
        QCborMap map = custom().toCbor();
        map.insert(name, value);
        const QCborMap read = Limits::fromCbor(map).toCbor();
        QVERIFY2(read.value(name) == Limits().toCbor().value(name), qPrintable(name));
        // The other fields are still read.
        for (const QString &other : kFieldNames)
            if (other != name)
                QVERIFY2(read.value(other) == custom().toCbor().value(other), qPrintable(other));
    }
}

QTEST_GUILESS_MAIN(TestLimits)
#include "tst_limits.moc"
