// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/protocol/frame.h"
#include "sync/protocol/protocol.h"
#include "sync/protocol/schema.h"

#include <QCborValue>
#include <QTest>
#include <limits>

using namespace hearth::protocol;
using namespace Qt::Literals::StringLiterals;

namespace {

// {"t": "send", "id": 7, "conv": 3, "cmid": h'00..0f', "body": h'', "ok": true,
//  "list": [1, "x"], "nested": {"a": -1}}, built by Frame::request.
Frame sampleFrame() {
    QCborMap fields;
    fields.insert("conv"_L1, 3);
    fields.insert("cmid"_L1, QByteArray::fromHex("000102030405060708090a0b0c0d0e0f"));
    fields.insert("body"_L1, QByteArray());
    fields.insert("ok"_L1, true);
    fields.insert("list"_L1, QCborArray{1, u"x"_s});
    QCborMap nested;
    nested.insert("a"_L1, -1);
    fields.insert("nested"_L1, nested);
    return Frame::request(type::kSend, 7, fields);
}

ProtocolError decodeError(const QByteArray &bytes) {
    const ProtocolResult<Frame> result = decodeFrame(bytes);
    if (result.ok())
        return ProtocolError{ErrorCode::Internal, u"unexpectedly decoded"_s, std::nullopt};
    return result.error();
}

} // namespace

class TestFrame final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void decodesHandWrittenCbor();
    void decodesIndefiniteLengthMap();
    void rejectsEmptyInput();
    void rejectsGarbage_data();
    void rejectsGarbage();
    void rejectsEveryTruncation();
    void rejectsNonMap_data();
    void rejectsNonMap();
    void rejectsTrailingBytes_data();
    void rejectsTrailingBytes();
    void rejectsBadType_data();
    void rejectsBadType();
    void rejectsBadId_data();
    void rejectsBadId();
    void rejectsDuplicateKeys();
    void requestBuilder();
    void okBuilder();
    void errorBuilder();
    void errorBuilderFromProtocolError();
    void pushBuilder();
    void toError();
    void toErrorUnknownCode();
    void accessors();
};

void TestFrame::roundTrip_data() {
    QTest::addColumn<Frame>("frame");
    QTest::newRow("request with every CBOR type") << sampleFrame();
    QTest::newRow("request without fields") << Frame::request(type::kConversations, 0);
    QTest::newRow("largest id") << Frame::request(
        type::kHello, static_cast<quint64>(std::numeric_limits<qint64>::max()));
    QTest::newRow("ok") << Frame::ok(12, QCborMap{{u"seq"_s, 4}});
    QTest::newRow("error") << Frame::error(13, ErrorCode::RateLimited, u"slow down"_s);
    QTest::newRow("push") << Frame::push(type::kTyping, QCborMap{{u"active"_s, false}});
    QTest::newRow("non-ASCII text")
        << Frame::push(type::kPresence, QCborMap{{u"user"_s, u"zoë 日本"_s}});
    QTest::newRow("1 MiB body") << Frame::request(
        type::kSend, 1, QCborMap{{u"body"_s, QByteArray(1024 * 1024, '\x5a')}});
}

void TestFrame::roundTrip() {
    QFETCH(Frame, frame);
    const QByteArray bytes = frame.encode();
    const ProtocolResult<Frame> decoded = decodeFrame(bytes);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(decoded.value(), frame);
    QCOMPARE(decoded.value().type(), frame.type());
    QCOMPARE(decoded.value().id(), frame.id());
    // The encoding is stable: encoding the decoded frame gives the same bytes.
    QCOMPARE(decoded.value().encode(), bytes);
}

void TestFrame::decodesHandWrittenCbor() {
    // {"t": "ping", "id": 5}, written by hand so the test does not depend on our encoder.
    const ProtocolResult<Frame> decoded =
        decodeFrame(QByteArray::fromHex("a261746470696e6762696405"));
    QVERIFY(decoded.ok());
    QCOMPARE(decoded.value().type(), u"ping"_s);
    QCOMPARE(decoded.value().id(), std::optional<quint64>(5));
    QVERIFY(!decoded.value().isReply());

    // {"t": "ok", "id": 2^32} with a 64-bit integer encoding.
    const ProtocolResult<Frame> big =
        decodeFrame(QByteArray::fromHex("a26174626f6b6269641b0000000100000000"));
    QVERIFY(big.ok());
    QCOMPARE(big.value().id(), std::optional<quint64>(Q_UINT64_C(0x100000000)));
    QVERIFY(big.value().isReply());

    // A push: no id at all.
    const ProtocolResult<Frame> push = decodeFrame(QByteArray::fromHex("a16174656576656e74"));
    QVERIFY(push.ok());
    QCOMPARE(push.value().type(), u"event"_s);
    QCOMPARE(push.value().id(), std::nullopt);
}

void TestFrame::decodesIndefiniteLengthMap() {
    // {_ "t": "ok", "id": 1} (indefinite-length map, valid CBOR).
    const ProtocolResult<Frame> decoded =
        decodeFrame(QByteArray::fromHex("bf6174626f6b62696401ff"));
    QVERIFY(decoded.ok());
    QCOMPARE(decoded.value(), Frame::ok(1));
}

void TestFrame::rejectsEmptyInput() {
    const ProtocolError error = decodeError(QByteArray());
    QCOMPARE(error.code, ErrorCode::BadFrame);
    QCOMPARE(error.requestId, std::nullopt);
    QVERIFY(!error.message.isEmpty());
}

void TestFrame::rejectsGarbage_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("break byte") << QByteArray::fromHex("ff");
    QTest::newRow("reserved additional info") << QByteArray::fromHex("1c");
    QTest::newRow("reserved map length") << QByteArray::fromHex("bc");
    QTest::newRow("zero byte") << QByteArray(1, '\0');
    QTest::newRow("ASCII text") << "hello, relay"_ba;
    QTest::newRow("JSON") << R"({"t":"hello","id":1})"_ba;
    QTest::newRow("map with break as key") << QByteArray::fromHex("a1ff");
    QTest::newRow("map with invalid UTF-8 key") << QByteArray::fromHex("a161ff6174");
    QTest::newRow("map with invalid UTF-8 type") << QByteArray::fromHex("a1617462c328");
    QTest::newRow("map claiming 2^32 pairs") << QByteArray::fromHex("bb0000000100000000");
    QTest::newRow("text claiming 2^63 bytes") << QByteArray::fromHex("a161747b7fffffffffffffff61");
    QTest::newRow("random bytes") << QByteArray::fromHex("a3e8c1d9f40b17a566ee0291");
}

void TestFrame::rejectsGarbage() {
    QFETCH(QByteArray, bytes);
    const ProtocolError error = decodeError(bytes);
    QCOMPARE(error.code, ErrorCode::BadFrame);
    QCOMPARE(error.requestId, std::nullopt);
}

void TestFrame::rejectsEveryTruncation() {
    const QByteArray bytes = sampleFrame().encode();
    QVERIFY(decodeFrame(bytes).ok());
    for (qsizetype size = 0; size < bytes.size(); ++size) {
        const ProtocolResult<Frame> result = decodeFrame(bytes.first(size));
        QVERIFY2(!result.ok(), qPrintable(u"prefix of %1 bytes decoded"_s.arg(size)));
        QCOMPARE(result.error().code, ErrorCode::BadFrame);
    }
}

void TestFrame::rejectsNonMap_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("array") << QCborValue(QCborArray{u"t"_s, u"hello"_s}).toCbor();
    QTest::newRow("empty array") << QByteArray::fromHex("80");
    QTest::newRow("unsigned int") << QCborValue(5).toCbor();
    QTest::newRow("negative int") << QCborValue(-5).toCbor();
    QTest::newRow("text") << QCborValue(u"hello"_s).toCbor();
    QTest::newRow("bytes") << QCborValue(QByteArray("\xa1\x61\x74", 3)).toCbor();
    QTest::newRow("true") << QCborValue(true).toCbor();
    QTest::newRow("null") << QCborValue(nullptr).toCbor();
    QTest::newRow("double") << QCborValue(1.5).toCbor();
    QTest::newRow("tagged map") << QByteArray::fromHex("d82aa1617460");
}

void TestFrame::rejectsNonMap() {
    QFETCH(QByteArray, bytes);
    const ProtocolError error = decodeError(bytes);
    QCOMPARE(error.code, ErrorCode::BadFrame);
    QCOMPARE(error.requestId, std::nullopt);
}

void TestFrame::rejectsTrailingBytes_data() {
    QTest::addColumn<QByteArray>("bytes");
    const QByteArray frame = Frame::ok(4).encode();
    QTest::newRow("one zero byte") << frame + QByteArray(1, '\0');
    QTest::newRow("a second frame") << frame + frame;
    QTest::newRow("a break byte") << frame + QByteArray::fromHex("ff");
    QTest::newRow("truncated item") << frame + QByteArray::fromHex("a1");
}

void TestFrame::rejectsTrailingBytes() {
    QFETCH(QByteArray, bytes);
    const ProtocolError error = decodeError(bytes);
    QCOMPARE(error.code, ErrorCode::BadFrame);
}

void TestFrame::rejectsBadType_data() {
    QTest::addColumn<QCborMap>("map");
    QTest::addColumn<std::optional<quint64>>("id");
    QTest::newRow("empty map") << QCborMap() << std::optional<quint64>();
    QTest::newRow("missing, with id") << QCborMap{{u"id"_s, 9}} << std::optional<quint64>(9);
    QTest::newRow("integer") << QCborMap{{u"t"_s, 1}, {u"id"_s, 10}} << std::optional<quint64>(10);
    QTest::newRow("bytes") << QCborMap{{u"t"_s, "ok"_ba}, {u"id"_s, 11}}
                           << std::optional<quint64>(11);
    QTest::newRow("null") << QCborMap{{u"t"_s, nullptr}} << std::optional<quint64>();
    QTest::newRow("array") << QCborMap{{u"t"_s, QCborArray{u"ok"_s}}, {u"id"_s, 0}}
                           << std::optional<quint64>(0);
}

void TestFrame::rejectsBadType() {
    QFETCH(QCborMap, map);
    QFETCH(std::optional<quint64>, id);
    const ProtocolError error = decodeError(QCborValue(map).toCbor());
    QCOMPARE(error.code, ErrorCode::BadFrame);
    QVERIFY2(error.message.contains(u"\"t\""_s), qPrintable(error.message));
    // The id is kept when it could be read, so the relay can answer the request.
    QCOMPARE(error.requestId, id);
}

void TestFrame::rejectsBadId_data() {
    QTest::addColumn<QCborValue>("id");
    QTest::newRow("-1") << QCborValue(-1);
    QTest::newRow("most negative") << QCborValue(std::numeric_limits<qint64>::min());
    QTest::newRow("text") << QCborValue(u"1"_s);
    QTest::newRow("bytes") << QCborValue("\x01"_ba);
    QTest::newRow("double") << QCborValue(1.0);
    QTest::newRow("bool") << QCborValue(true);
    QTest::newRow("null") << QCborValue(nullptr);
    QTest::newRow("map") << QCborValue(QCborMap{{u"id"_s, 1}});
}

void TestFrame::rejectsBadId() {
    QFETCH(QCborValue, id);
    QCborMap map{{u"t"_s, u"hello"_s}};
    map.insert("id"_L1, id);
    const ProtocolError error = decodeError(QCborValue(map).toCbor());
    QCOMPARE(error.code, ErrorCode::BadFrame);
    QVERIFY2(error.message.contains(u"\"id\""_s), qPrintable(error.message));
    QCOMPARE(error.requestId, std::nullopt);
}

void TestFrame::requestBuilder() {
    const Frame frame = Frame::request(type::kSync, 42, QCborMap{{u"conv"_s, 3}});
    QCOMPARE(frame.type(), u"sync"_s);
    QCOMPARE(frame.id(), std::optional<quint64>(42));
    QCOMPARE(frame.uint("conv"_L1), quint64(3));
    QCOMPARE(frame.map().size(), 3);
    QVERIFY(!frame.isReply());
    // The builder's "t" and "id" win over same-named fields passed in.
    const Frame overridden =
        Frame::request(type::kSync, 1, QCborMap{{u"t"_s, u"evil"_s}, {u"id"_s, 99}});
    QCOMPARE(overridden.type(), u"sync"_s);
    QCOMPARE(overridden.id(), std::optional<quint64>(1));
}

void TestFrame::okBuilder() {
    const Frame frame = Frame::ok(8, QCborMap{{u"seq"_s, 17}});
    QCOMPARE(frame.type(), u"ok"_s);
    QCOMPARE(frame.id(), std::optional<quint64>(8));
    QCOMPARE(frame.uint("seq"_L1), quint64(17));
    QVERIFY(frame.isReply());
    QCOMPARE(Frame::ok(0).map().size(), 2);
}

void TestFrame::errorBuilder() {
    const Frame frame = Frame::error(21, ErrorCode::NotMember, u"not a member"_s);
    QCOMPARE(frame.type(), u"error"_s);
    QCOMPARE(frame.id(), std::optional<quint64>(21));
    QCOMPARE(frame.text("code"_L1), u"not_member"_s);
    QCOMPARE(frame.text("message"_L1), u"not a member"_s);
    QVERIFY(frame.isReply());
}

void TestFrame::errorBuilderFromProtocolError() {
    const Frame withId = Frame::error(ProtocolError{ErrorCode::PayloadTooLarge, u"too big"_s, 77});
    QCOMPARE(withId.id(), std::optional<quint64>(77));
    QCOMPARE(withId.text("code"_L1), u"payload_too_large"_s);
    QCOMPARE(withId.text("message"_L1), u"too big"_s);

    // why: a frame whose id could not be read is still answered, with id 0.
    const Frame withoutId =
        Frame::error(ProtocolError{ErrorCode::BadFrame, u"garbage"_s, std::nullopt});
    QCOMPARE(withoutId.id(), std::optional<quint64>(0));
    QCOMPARE(withoutId.text("code"_L1), u"bad_frame"_s);
}

void TestFrame::pushBuilder() {
    const Frame frame = Frame::push(type::kEvent, QCborMap{{u"event"_s, QCborMap()}});
    QCOMPARE(frame.type(), u"event"_s);
    QCOMPARE(frame.id(), std::nullopt);
    QVERIFY(!frame.has("id"_L1));
    QVERIFY(frame.has("event"_L1));
    QVERIFY(!frame.isReply());
}

void TestFrame::toError() {
    const ProtocolError original{ErrorCode::LastOwner, u"you are the last owner"_s, 5};
    const ProtocolResult<Frame> decoded = decodeFrame(Frame::error(original).encode());
    QVERIFY(decoded.ok());
    const ProtocolError error = decoded.value().toError();
    QCOMPARE(error.code, original.code);
    QCOMPARE(error.message, original.message);
    QCOMPARE(error.requestId, original.requestId);

    for (auto it = allErrorCodesBegin(); it != allErrorCodesEnd(); ++it)
        QCOMPARE(Frame::error(1, *it, QString()).toError().code, *it);
}

void TestFrame::toErrorUnknownCode() {
    QCborMap fields{{u"code"_s, u"from_the_future"_s}, {u"message"_s, u"?"_s}};
    QCOMPARE(Frame::request(type::kError, 3, fields).toError().code, ErrorCode::BadFrame);

    const ProtocolError missing = Frame::push(type::kError).toError();
    QCOMPARE(missing.code, ErrorCode::BadFrame);
    QCOMPARE(missing.requestId, std::nullopt);
    QVERIFY(missing.message.isEmpty());

    fields.insert("code"_L1, 7);
    QCOMPARE(Frame::request(type::kError, 3, fields).toError().code, ErrorCode::BadFrame);
    fields.insert("code"_L1, u"RATE_LIMITED"_s);
    QCOMPARE(Frame::request(type::kError, 3, fields).toError().code, ErrorCode::BadFrame);
}

void TestFrame::accessors() {
    QCborMap fields;
    fields.insert("n"_L1, 5);
    fields.insert("neg"_L1, -5);
    fields.insert("s"_L1, u"text"_s);
    fields.insert("b"_L1, "\x00\x01"_ba);
    fields.insert("yes"_L1, true);
    fields.insert("list"_L1, QCborArray{1, 2, 3});
    const Frame frame = Frame::push(type::kEvent, fields);

    QCOMPARE(frame.uint("n"_L1), quint64(5));
    QCOMPARE(frame.uint("neg"_L1, 99), quint64(99));
    QCOMPARE(frame.uint("s"_L1, 98), quint64(98));
    QCOMPARE(frame.uint("absent"_L1, 97), quint64(97));
    QCOMPARE(frame.text("s"_L1), u"text"_s);
    QCOMPARE(frame.text("n"_L1), QString());
    QCOMPARE(frame.bytes("b"_L1), "\x00\x01"_ba);
    QCOMPARE(frame.bytes("s"_L1), QByteArray());
    QVERIFY(frame.boolean("yes"_L1));
    QVERIFY(!frame.boolean("n"_L1));
    QCOMPARE(frame.array("list"_L1), (QCborArray{1, 2, 3}));
    QVERIFY(frame.array("n"_L1).isEmpty());
    QVERIFY(frame.has("n"_L1));
    QVERIFY(!frame.has("absent"_L1));
    QVERIFY(frame.value("absent"_L1).isUndefined());

    Frame edited = frame;
    edited.insert("n"_L1, 6);
    QCOMPARE(edited.uint("n"_L1), quint64(6));
    QVERIFY(!(edited == frame));
}

void TestFrame::rejectsDuplicateKeys() {
    // {"t": "ok", "id": 1, "t": "error"} written by hand: QCborMap itself never repeats a key.
    const QByteArray bytes = QByteArray::fromHex("a3"
                                                 "6174"
                                                 "626f6b"
                                                 "626964"
                                                 "01"
                                                 "6174"
                                                 "656572726f72");
    const auto decoded = decodeFrame(bytes);
    QVERIFY(!decoded);
    QCOMPARE(decoded.error().code, ErrorCode::BadFrame);
    QVERIFY(decoded.error().message.contains(u"repeats"_s));

    // A non-text key is refused as well: an integer standing for "t", or a float NaN (found
    // by the fuzzer: Qt rewrites NaN payloads, so such a frame would not even re-encode).
    QVERIFY(!decodeFrame(QCborValue(QCborMap{{116, u"ok"_s}}).toCbor()));
    const QByteArray floatKey = QByteArray::fromHex("a2"
                                                    "6174"
                                                    "626f6b"
                                                    "faffffff04"
                                                    "01");
    const auto nonText = decodeFrame(floatKey);
    QVERIFY(!nonText);
    QCOMPARE(nonText.error().code, ErrorCode::BadFrame);

    // Nested maps are checked by schema validation.
    const QByteArray nested = QByteArray::fromHex("a2"
                                                  "6174"
                                                  "656576656e74"
                                                  "656576656e74"
                                                  "a2"
                                                  "64636f6e76"
                                                  "01"
                                                  "64636f6e76"
                                                  "02");
    const auto push = decodeFrame(nested);
    QVERIFY(push);
    const auto error = validatePush(push.value());
    QVERIFY(error);
    QVERIFY(error->message.contains(u"repeats"_s));
}

QTEST_GUILESS_MAIN(TestFrame)
#include "tst_frame.moc"
