// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/rotation_policy.h"

#include <QTest>

using namespace hearth;
using namespace hearth::crypto;
using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 kCreated = 1700000000000;
constexpr qint64 kDayMs = 24 * 3600 * 1000;
const DeviceAddress kBob2{UserId{u"bob"_s}, DeviceId{2}};
const DeviceAddress kBob3{UserId{u"bob"_s}, DeviceId{3}};
const DeviceAddress kCarol4{UserId{u"carol"_s}, DeviceId{4}};

SessionUsage usage(quint32 sent, QSet<DeviceAddress> sharedWith, QSet<DeviceAddress> current) {
    return SessionUsage{sent, kCreated, std::move(sharedWith), std::move(current)};
}

} // namespace

class TestRotationPolicy final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void freshSessionKept();
    void messageCount();
    void age();
    void clockWentBackwards();
    void memberRemoved();
    void deviceRemoved();
    void removalWinsOverOtherReasons();
    void newDeviceAloneKeepsSession();
    void customPolicy();
};

void TestRotationPolicy::defaults() {
    const RotationPolicy policy;
    QCOMPARE(policy.maxMessages, 1000u);
    QCOMPARE(policy.maxAge.count(), 7 * kDayMs);
}

void TestRotationPolicy::freshSessionKept() {
    QCOMPARE(rotationNeeded(RotationPolicy{}, usage(0, {kBob2}, {kBob2}), kCreated),
             RotationReason::None);
    QCOMPARE(rotationNeeded(RotationPolicy{}, usage(0, {}, {}), kCreated), RotationReason::None);
}

void TestRotationPolicy::messageCount() {
    QCOMPARE(rotationNeeded(RotationPolicy{}, usage(999, {kBob2}, {kBob2}), kCreated),
             RotationReason::None);
    QCOMPARE(rotationNeeded(RotationPolicy{}, usage(1000, {kBob2}, {kBob2}), kCreated),
             RotationReason::MessageCount);
}

void TestRotationPolicy::age() {
    const SessionUsage u = usage(1, {kBob2}, {kBob2});
    QCOMPARE(rotationNeeded(RotationPolicy{}, u, kCreated + 7 * kDayMs - 1), RotationReason::None);
    QCOMPARE(rotationNeeded(RotationPolicy{}, u, kCreated + 7 * kDayMs), RotationReason::Age);
}

void TestRotationPolicy::clockWentBackwards() {
    QCOMPARE(rotationNeeded(RotationPolicy{}, usage(1, {kBob2}, {kBob2}), kCreated - 1),
             RotationReason::Age);
}

void TestRotationPolicy::memberRemoved() {
    // Carol left the conversation: none of her devices is a member device any more.
    QCOMPARE(rotationNeeded(RotationPolicy{}, usage(1, {kBob2, kCarol4}, {kBob2}), kCreated),
             RotationReason::DeviceRemoved);
}

void TestRotationPolicy::deviceRemoved() {
    // Bob revoked one of his devices.
    QCOMPARE(rotationNeeded(RotationPolicy{}, usage(1, {kBob2, kBob3}, {kBob2}), kCreated),
             RotationReason::DeviceRemoved);
}

void TestRotationPolicy::removalWinsOverOtherReasons() {
    QCOMPARE(rotationNeeded(RotationPolicy{}, usage(5000, {kBob2, kCarol4}, {kBob2}),
                            kCreated + 30 * kDayMs),
             RotationReason::DeviceRemoved);
}

void TestRotationPolicy::newDeviceAloneKeepsSession() {
    QCOMPARE(rotationNeeded(RotationPolicy{}, usage(3, {kBob2}, {kBob2, kBob3, kCarol4}), kCreated),
             RotationReason::None);
}

void TestRotationPolicy::customPolicy() {
    const RotationPolicy policy{10, std::chrono::hours(1)};
    QCOMPARE(rotationNeeded(policy, usage(9, {}, {}), kCreated + 3600 * 1000 - 1),
             RotationReason::None);
    QCOMPARE(rotationNeeded(policy, usage(10, {}, {}), kCreated), RotationReason::MessageCount);
    QCOMPARE(rotationNeeded(policy, usage(0, {}, {}), kCreated + 3600 * 1000), RotationReason::Age);
}

QTEST_GUILESS_MAIN(TestRotationPolicy)
#include "tst_rotation_policy.moc"
