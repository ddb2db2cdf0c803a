// SPDX-License-Identifier: GPL-3.0-or-later
// The frame table is data, so these tests are generated from it: every request, reply and push
// gets a valid sample built from its field specs, and every field of every spec gets removed,
// mistyped and sized out of bounds. A new spec entry is covered without touching this file.
#include "sync/protocol/frame.h"
#include "sync/protocol/protocol.h"
#include "sync/protocol/schema.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTest>
#include <algorithm>
#include <functional>
#include <variant>
#include <vector>

using namespace hearth::protocol;
using namespace Qt::Literals::StringLiterals;

namespace {

constexpr quint64 kId = 4242;

// ---- sample values --------------------------------------------------------------------------

//! `preferred`, clamped into the spec's size bounds.
qsizetype sizeWithin(const FieldSpec &spec, qint64 preferred) {
    qint64 size = std::max(preferred, spec.minSize);
    if (spec.maxSize >= 0)
        size = std::min(size, spec.maxSize);
    return static_cast<qsizetype>(size);
}

QCborMap sampleMap(std::span<const FieldSpec> fields, bool withOptional = true);

//! One valid element of an array field.
QCborValue sampleElement(const FieldSpec &spec, qsizetype index) {
    switch (spec.type) {
    case FieldType::TextArray:
        return u"item%1"_s.arg(index);
    case FieldType::UIntArray:
        return index + 1;
    case FieldType::MapArray:
        return sampleMap(spec.nested);
    default:
        break;
    }
    return {};
}

QCborArray arrayOf(const FieldSpec &spec, qsizetype count) {
    QCborArray array;
    for (qsizetype i = 0; i < count; ++i)
        array.append(sampleElement(spec, i));
    return array;
}

//! A valid value for `spec`: inside its bounds, recursing into nested specs.
QCborValue sampleValue(const FieldSpec &spec) {
    switch (spec.type) {
    case FieldType::UInt:
        return 7;
    case FieldType::Bool:
        return true;
    case FieldType::Text:
        return QString(sizeWithin(spec, 5), u'a');
    case FieldType::Bytes:
        return QByteArray(sizeWithin(spec, 5), '\x42');
    case FieldType::Map:
        return sampleMap(spec.nested);
    case FieldType::TextArray:
    case FieldType::UIntArray:
    case FieldType::MapArray:
        return arrayOf(spec, sizeWithin(spec, 2));
    }
    return {};
}

QCborMap sampleMap(std::span<const FieldSpec> fields, bool withOptional) {
    QCborMap map;
    for (const FieldSpec &spec : fields)
        if (spec.required || withOptional)
            map.insert(spec.name, sampleValue(spec));
    return map;
}

//! Values of the wrong CBOR type for `spec`, by label.
QList<std::pair<QString, QCborValue>> wrongValues(const FieldSpec &spec) {
    const auto lastElementReplaced = [&](const QCborValue &bad) {
        QCborArray array = arrayOf(spec, std::max<qsizetype>(sizeWithin(spec, 2), 1));
        array[array.size() - 1] = bad;
        return QCborValue(array);
    };
    switch (spec.type) {
    case FieldType::UInt:
        return {{u"negative"_s, -1}, {u"text"_s, u"7"_s},     {u"double"_s, 7.0},
                {u"bool"_s, true},   {u"bytes"_s, "\x07"_ba}, {u"null"_s, nullptr}};
    case FieldType::Bool:
        return {{u"integer"_s, 1}, {u"text"_s, u"true"_s}, {u"null"_s, nullptr}};
    case FieldType::Text:
        return {{u"integer"_s, 1},
                {u"bytes"_s, "abc"_ba},
                {u"array"_s, QCborArray{u"abc"_s}},
                {u"null"_s, nullptr}};
    case FieldType::Bytes:
        return {{u"text"_s, u"abc"_s}, {u"integer"_s, 1}, {u"array"_s, QCborArray{}}};
    case FieldType::Map:
        return {{u"array"_s, QCborArray{}}, {u"integer"_s, 1}, {u"text"_s, u"{}"_s}};
    case FieldType::TextArray:
        return {{u"text"_s, u"a"_s},
                {u"map"_s, QCborMap{}},
                {u"integer element"_s, lastElementReplaced(1)},
                {u"bytes element"_s, lastElementReplaced("a"_ba)}};
    case FieldType::UIntArray:
        return {{u"integer"_s, 1},
                {u"negative element"_s, lastElementReplaced(-1)},
                {u"text element"_s, lastElementReplaced(u"1"_s)}};
    case FieldType::MapArray:
        return {{u"map"_s, sampleMap(spec.nested)},
                {u"integer element"_s, lastElementReplaced(1)},
                {u"array element"_s, lastElementReplaced(QCborArray{})}};
    }
    return {};
}

//! Values of the right type just outside the spec's size bounds, by label.
QList<std::pair<QString, QCborValue>> outOfBoundsValues(const FieldSpec &spec) {
    const auto ofSize = [&](qsizetype size) -> QCborValue {
        switch (spec.type) {
        case FieldType::Text:
            return QString(size, u'a');
        case FieldType::Bytes:
            return QByteArray(size, '\x42');
        case FieldType::TextArray:
        case FieldType::UIntArray:
        case FieldType::MapArray: {
            // why: the size is checked before the elements, but keep them valid anyway.
            QCborArray array;
            const QCborValue element = sampleElement(spec, 0);
            for (qsizetype i = 0; i < size; ++i)
                array.append(element);
            return array;
        }
        default:
            return {};
        }
    };
    const bool sized =
        spec.type != FieldType::UInt && spec.type != FieldType::Bool && spec.type != FieldType::Map;
    QList<std::pair<QString, QCborValue>> values;
    if (sized && spec.minSize > 0)
        values.append({u"size %1"_s.arg(spec.minSize - 1), ofSize(spec.minSize - 1)});
    if (sized && spec.maxSize >= 0)
        values.append({u"size %1"_s.arg(spec.maxSize + 1), ofSize(spec.maxSize + 1)});
    return values;
}

// ---- paths into a frame ---------------------------------------------------------------------

//! A map key or an array index.
using Step = std::variant<QString, qsizetype>;
using Path = std::vector<Step>;

//! The path as validateFields spells it: "events[0].body".
QString pathText(const Path &path) {
    QString out;
    for (const Step &step : path) {
        if (const auto *key = std::get_if<QString>(&step)) {
            if (!out.isEmpty())
                out += u'.';
            out += *key;
        } else {
            out += u"[%1]"_s.arg(std::get<qsizetype>(step));
        }
    }
    return out;
}

//! `node` with the value at `path` replaced, or removed when `replacement` is empty.
QCborValue edited(const QCborValue &node, std::span<const Step> path,
                  const std::optional<QCborValue> &replacement) {
    const bool last = path.size() == 1;
    if (const auto *key = std::get_if<QString>(&path.front())) {
        QCborMap map = node.toMap();
        if (last && !replacement)
            map.remove(*key);
        else
            map.insert(*key,
                       last ? *replacement : edited(map.value(*key), path.subspan(1), replacement));
        return map;
    }
    const qsizetype index = std::get<qsizetype>(path.front());
    QCborArray array = node.toArray();
    Q_ASSERT(!last || replacement);
    array[index] = last ? *replacement : edited(array.at(index), path.subspan(1), replacement);
    return array;
}

Frame editedFrame(const Frame &frame, const Path &path, const std::optional<QCborValue> &value) {
    return Frame(edited(QCborValue(frame.map()), path, value).toMap());
}

using Visitor = std::function<void(const FieldSpec &, const Path &)>;

//! Visits every field of `fields` and, through the sample arrays' first element, every nested one.
void forEachField(std::span<const FieldSpec> fields, const Path &prefix, const Visitor &visit) {
    for (const FieldSpec &spec : fields) {
        Path path = prefix;
        path.emplace_back(QString(spec.name));
        visit(spec, path);
        if (spec.type == FieldType::Map)
            forEachField(spec.nested, path, visit);
        if (spec.type == FieldType::MapArray && sizeWithin(spec, 2) > 0) {
            path.emplace_back(qsizetype(0));
            forEachField(spec.nested, path, visit);
        }
    }
}

// ---- what is validated ----------------------------------------------------------------------

enum class Kind { Request, Reply, ErrorReply, Push };

//! One frame shape from the table: a request, its "ok" reply, the error reply, or a push.
struct Target {
    Kind kind;
    QLatin1StringView type; //!< the request or push type; for replies, the request answered
    std::span<const FieldSpec> fields;

    [[nodiscard]] QString name() const {
        switch (kind) {
        case Kind::Request:
            return QString(type) + u" request"_s;
        case Kind::Reply:
            return QString(type) + u" reply"_s;
        case Kind::ErrorReply:
            return u"error reply"_s;
        case Kind::Push:
            return QString(type) + u" push"_s;
        }
        return {};
    }

    [[nodiscard]] Frame frame(const QCborMap &map) const {
        switch (kind) {
        case Kind::Request:
            return Frame::request(type, kId, map);
        case Kind::Reply:
            return Frame::ok(kId, map);
        case Kind::ErrorReply:
            return Frame::request(type::kError, kId, map);
        case Kind::Push:
            return Frame::push(type, map);
        }
        return {};
    }

    [[nodiscard]] std::optional<ProtocolError> validate(const Frame &frame) const {
        switch (kind) {
        case Kind::Request: {
            const ProtocolResult<const RequestSpec *> result = validateRequest(frame);
            if (!result.ok())
                return result.error();
            if (result.value() != findRequestSpec(QString(type)))
                return ProtocolError{ErrorCode::Internal, u"matched the wrong spec"_s, {}};
            return std::nullopt;
        }
        case Kind::Reply:
        case Kind::ErrorReply:
            return validateReply(frame, QString(type));
        case Kind::Push:
            return validatePush(frame);
        }
        return ProtocolError{ErrorCode::Internal, u"unknown kind"_s, {}};
    }

    [[nodiscard]] std::optional<quint64> expectedErrorId() const {
        return kind == Kind::Push ? std::nullopt : std::optional<quint64>(kId);
    }
};

QList<Target> allTargets() {
    QList<Target> targets;
    for (const RequestSpec &spec : requestSpecs()) {
        targets.append({Kind::Request, spec.type, spec.request});
        targets.append({Kind::Reply, spec.type, spec.reply});
    }
    for (const PushSpec &spec : pushSpecs())
        targets.append({Kind::Push, spec.type, spec.fields});
    targets.append({Kind::ErrorReply, type::kSend, errorReplySpec()});
    return targets;
}

//! Data rows for a test of invalid frames: one frame, who validates it, what must be named.
void addInvalidColumns() {
    QTest::addColumn<int>("target");
    QTest::addColumn<Frame>("frame");
    QTest::addColumn<QString>("path");
}

void checkInvalid() {
    QFETCH(int, target);
    QFETCH(Frame, frame);
    QFETCH(QString, path);
    const Target t = allTargets().at(target);
    const std::optional<ProtocolError> error = t.validate(frame);
    QVERIFY2(error, "an invalid frame was accepted");
    QCOMPARE(error->code, ErrorCode::BadFrame);
    QVERIFY2(error->message.contains(u'"' + path + u'"'), qPrintable(error->message));
    QCOMPARE(error->requestId, t.expectedErrorId());
}

std::optional<ProtocolError> requestError(const Frame &frame) {
    const ProtocolResult<const RequestSpec *> result = validateRequest(frame);
    if (result.ok())
        return std::nullopt;
    return result.error();
}

} // namespace

class TestSchema final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void tablesAreConsistent();

    void validFrames_data();
    void validFrames();

    void rejectsMissingField_data();
    void rejectsMissingField() { checkInvalid(); }
    void rejectsWrongType_data();
    void rejectsWrongType() { checkInvalid(); }
    void rejectsSizeOutOfBounds_data();
    void rejectsSizeOutOfBounds() { checkInvalid(); }
    void rejectsNamedSizes_data();
    void rejectsNamedSizes() { checkInvalid(); }

    void textBoundsCountUtf8Bytes();
    void ignoresUnknownFields();
    void requestWithoutId();
    void unknownRequestType();
    void errorRepliesValidate();
    void errorReplyMissingFields();
    void replyMisuse();
    void unknownPushType();
    void fuzzCorpusIsValid();
};

void TestSchema::tablesAreConsistent() {
    QSet<QString> requests;
    for (const RequestSpec &spec : requestSpecs()) {
        QVERIFY(!spec.type.isEmpty());
        QVERIFY2(!requests.contains(QString(spec.type)), spec.type.data());
        requests.insert(QString(spec.type));
        QVERIFY(spec.type != type::kOk && spec.type != type::kError);
        QCOMPARE(findRequestSpec(QString(spec.type)), &spec);
    }
    QSet<QString> pushes;
    for (const PushSpec &spec : pushSpecs()) {
        QVERIFY(!spec.type.isEmpty());
        QVERIFY2(!pushes.contains(QString(spec.type)), spec.type.data());
        pushes.insert(QString(spec.type));
        QCOMPARE(findPushSpec(QString(spec.type)), &spec);
    }
    QCOMPARE(findRequestSpec(u"no_such_type"), nullptr);
    QCOMPARE(findPushSpec(u"no_such_type"), nullptr);

    // Within one map, field names are unique, and "t"/"id" belong to the envelope.
    std::function<void(std::span<const FieldSpec>)> checkFields =
        [&](std::span<const FieldSpec> fields) {
            QSet<QString> names;
            for (const FieldSpec &spec : fields) {
                QVERIFY2(!names.contains(QString(spec.name)), spec.name.data());
                names.insert(QString(spec.name));
                QVERIFY(spec.name != field::kType && spec.name != field::kId);
                QVERIFY(spec.maxSize < 0 || spec.maxSize >= spec.minSize);
                checkFields(spec.nested);
            }
        };
    for (const Target &target : allTargets())
        checkFields(target.fields);
}

void TestSchema::validFrames_data() {
    QTest::addColumn<int>("target");
    QTest::addColumn<bool>("withOptional");
    const QList<Target> targets = allTargets();
    for (qsizetype i = 0; i < targets.size(); ++i) {
        QTest::newRow(qPrintable(targets[i].name() + u", all fields"_s)) << int(i) << true;
        QTest::newRow(qPrintable(targets[i].name() + u", required fields"_s)) << int(i) << false;
    }
}

void TestSchema::validFrames() {
    QFETCH(int, target);
    QFETCH(bool, withOptional);
    const Target t = allTargets().at(target);
    const Frame frame = t.frame(sampleMap(t.fields, withOptional));

    const ProtocolResult<Frame> decoded = decodeFrame(frame.encode());
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(decoded.value(), frame);

    const std::optional<ProtocolError> error = t.validate(decoded.value());
    QVERIFY2(!error, qPrintable(error ? error->message : QString()));
    QCOMPARE(decoded.value().encode(), frame.encode());
}

void TestSchema::rejectsMissingField_data() {
    addInvalidColumns();
    const QList<Target> targets = allTargets();
    for (qsizetype i = 0; i < targets.size(); ++i) {
        const Frame valid = targets[i].frame(sampleMap(targets[i].fields));
        forEachField(targets[i].fields, {}, [&](const FieldSpec &spec, const Path &path) {
            if (!spec.required)
                return;
            QTest::newRow(qPrintable(targets[i].name() + u": no "_s + pathText(path)))
                << int(i) << editedFrame(valid, path, std::nullopt) << pathText(path);
        });
    }
}

void TestSchema::rejectsWrongType_data() {
    addInvalidColumns();
    const QList<Target> targets = allTargets();
    for (qsizetype i = 0; i < targets.size(); ++i) {
        const Frame valid = targets[i].frame(sampleMap(targets[i].fields));
        forEachField(targets[i].fields, {}, [&](const FieldSpec &spec, const Path &path) {
            for (const auto &[label, value] : wrongValues(spec))
                QTest::newRow(
                    qPrintable(targets[i].name() + u": "_s + pathText(path) + u" as "_s + label))
                    << int(i) << editedFrame(valid, path, value) << pathText(path);
        });
    }
}

void TestSchema::rejectsSizeOutOfBounds_data() {
    addInvalidColumns();
    const QList<Target> targets = allTargets();
    for (qsizetype i = 0; i < targets.size(); ++i) {
        const Frame valid = targets[i].frame(sampleMap(targets[i].fields));
        forEachField(targets[i].fields, {}, [&](const FieldSpec &spec, const Path &path) {
            for (const auto &[label, value] : outOfBoundsValues(spec))
                QTest::newRow(
                    qPrintable(targets[i].name() + u": "_s + pathText(path) + u" of "_s + label))
                    << int(i) << editedFrame(valid, path, value) << pathText(path);
        });
    }
}

void TestSchema::rejectsNamedSizes_data() {
    // The sizes that matter most, spelled out rather than derived from the table.
    addInvalidColumns();
    const QList<Target> targets = allTargets();
    const auto add = [&](Kind kind, QLatin1StringView type, const QString &field,
                         const QByteArray &value) {
        const auto it = std::find_if(targets.begin(), targets.end(), [&](const Target &t) {
            return t.kind == kind && t.type == type;
        });
        QVERIFY(it != targets.end());
        const Frame valid = it->frame(sampleMap(it->fields));
        QTest::newRow(
            qPrintable(it->name() + u": "_s + field + u" of %1 bytes"_s.arg(value.size())))
            << int(it - targets.begin()) << editedFrame(valid, {field}, QCborValue(value)) << field;
    };
    add(Kind::Request, type::kSend, u"cmid"_s, QByteArray(15, 'c'));
    add(Kind::Request, type::kSend, u"cmid"_s, QByteArray(17, 'c'));
    add(Kind::Request, type::kSend, u"cmid"_s, QByteArray());
    add(Kind::Request, type::kAuth, u"sig"_s, QByteArray(63, 's'));
    add(Kind::Request, type::kAuth, u"sig"_s, QByteArray(65, 's'));
    add(Kind::Request, type::kAddDevice, u"sign_key"_s, QByteArray(31, 'k'));
    add(Kind::Request, type::kAddDevice, u"dh_key"_s, QByteArray(33, 'k'));
    add(Kind::Reply, type::kHello, u"nonce"_s, QByteArray(31, 'n'));
    add(Kind::Reply, type::kHello, u"nonce"_s, QByteArray(33, 'n'));
}

void TestSchema::textBoundsCountUtf8Bytes() {
    const auto registerAs = [](const QString &user) {
        return Frame::request(type::kRegister, kId,
                              QCborMap{{u"user"_s, user}, {u"password"_s, u"secret"_s}});
    };
    const QChar eAcute(0x00E9); // two bytes in UTF-8
    QVERIFY(!requestError(registerAs(QString(64, u'a'))));
    QVERIFY(!requestError(registerAs(QString(32, eAcute))));
    const std::optional<ProtocolError> tooLong = requestError(registerAs(QString(33, eAcute)));
    QVERIFY(tooLong);
    QCOMPARE(tooLong->code, ErrorCode::BadFrame);
    QVERIFY(tooLong->message.contains(u"\"user\""_s));
    QVERIFY(requestError(registerAs(QString(65, u'a'))));
    QVERIFY(requestError(registerAs(QString())));
}

void TestSchema::ignoresUnknownFields() {
    for (const Target &t : allTargets()) {
        QCborMap fields = sampleMap(t.fields);
        fields.insert("from_the_future"_L1, QCborArray{1, u"x"_s});
        const std::optional<ProtocolError> error = t.validate(t.frame(fields));
        QVERIFY2(!error, qPrintable(t.name() + u": "_s + (error ? error->message : QString())));
        // Keys that are not text are not fields at all: refused, never ignored.
        fields.insert(12345, u"integer key"_s);
        QVERIFY2(t.validate(t.frame(fields)), qPrintable(t.name()));
    }
}

void TestSchema::requestWithoutId() {
    const RequestSpec *send = findRequestSpec(QString(type::kSend));
    QVERIFY(send);
    const QCborMap fields = sampleMap(send->request);

    const std::optional<ProtocolError> noId = requestError(Frame::push(type::kSend, fields));
    QVERIFY(noId);
    QCOMPARE(noId->code, ErrorCode::BadFrame);
    QCOMPARE(noId->requestId, std::nullopt);

    QCborMap negative = Frame::push(type::kSend, fields).map();
    negative.insert(field::kId, -3);
    const std::optional<ProtocolError> badId = requestError(Frame(negative));
    QVERIFY(badId);
    QCOMPARE(badId->code, ErrorCode::BadFrame);
    QCOMPARE(badId->requestId, std::nullopt);
}

void TestSchema::unknownRequestType() {
    for (const QLatin1StringView type :
         {"no_such_request"_L1, ""_L1, type::kOk, type::kError, type::kEvent, "SEND"_L1}) {
        const std::optional<ProtocolError> error = requestError(Frame::request(type, 99));
        QVERIFY2(error, type.data());
        QCOMPARE(error->code, ErrorCode::UnknownType);
        QCOMPARE(error->requestId, std::optional<quint64>(99));
    }
}

void TestSchema::errorRepliesValidate() {
    for (const RequestSpec &spec : requestSpecs()) {
        for (auto code = allErrorCodesBegin(); code != allErrorCodesEnd(); ++code) {
            const Frame frame = Frame::error(kId, *code, u"it failed"_s);
            const ProtocolResult<Frame> decoded = decodeFrame(frame.encode());
            QVERIFY(decoded.ok());
            const std::optional<ProtocolError> error =
                validateReply(decoded.value(), QString(spec.type));
            QVERIFY2(!error, qPrintable(error ? error->message : QString()));
        }
    }
    Frame limited = Frame::error(kId, ErrorCode::RateLimited, u"slow down"_s);
    limited.insert("retry_after_ms"_L1, 250);
    QVERIFY(!validateReply(limited, QString(type::kSend)));
    limited.insert("retry_after_ms"_L1, -250);
    const std::optional<ProtocolError> negative = validateReply(limited, QString(type::kSend));
    QVERIFY(negative);
    QVERIFY(negative->message.contains(u"\"retry_after_ms\""_s));
}

void TestSchema::errorReplyMissingFields() {
    for (const QLatin1StringView missing : {"code"_L1, "message"_L1}) {
        QCborMap fields = Frame::error(kId, ErrorCode::Forbidden, u"no"_s).map();
        fields.remove(missing);
        const std::optional<ProtocolError> error =
            validateReply(Frame(fields), QString(type::kSend));
        QVERIFY2(error, missing.data());
        QCOMPARE(error->code, ErrorCode::BadFrame);
        QVERIFY(error->message.contains(u'"' + QString(missing) + u'"'));
        QCOMPARE(error->requestId, std::optional<quint64>(kId));
    }
}

void TestSchema::replyMisuse() {
    const RequestSpec *leave = findRequestSpec(QString(type::kLeave));
    QVERIFY(leave);
    const QCborMap fields = sampleMap(leave->reply);
    QVERIFY(!validateReply(Frame::ok(kId, fields), QString(type::kLeave)));

    // No id.
    const std::optional<ProtocolError> noId =
        validateReply(Frame::push(type::kOk, fields), QString(type::kLeave));
    QVERIFY(noId);
    QCOMPARE(noId->code, ErrorCode::BadFrame);

    // A reply to a request type nobody knows.
    const std::optional<ProtocolError> unknown = validateReply(Frame::ok(kId, fields), u"nope");
    QVERIFY(unknown);
    QCOMPARE(unknown->code, ErrorCode::UnknownType);
    QCOMPARE(unknown->requestId, std::optional<quint64>(kId));

    // Not a reply at all.
    const std::optional<ProtocolError> notReply =
        validateReply(Frame::request(type::kLeave, kId, fields), QString(type::kLeave));
    QVERIFY(notReply);
    QCOMPARE(notReply->code, ErrorCode::BadFrame);
    QCOMPARE(notReply->requestId, std::optional<quint64>(kId));

    // The reply is checked against the request it answers: leave's reply is no send reply.
    const std::optional<ProtocolError> mismatched =
        validateReply(Frame::ok(kId, fields), QString(type::kSend));
    QVERIFY(mismatched);
    QCOMPARE(mismatched->code, ErrorCode::BadFrame);
}

void TestSchema::unknownPushType() {
    for (const QLatin1StringView type :
         {"no_such_push"_L1, ""_L1, type::kSend, type::kOk, type::kError}) {
        const std::optional<ProtocolError> error = validatePush(Frame::push(type));
        QVERIFY2(error, type.data());
        QCOMPARE(error->code, ErrorCode::UnknownType);
    }
}

void TestSchema::fuzzCorpusIsValid() {
    // Seed files are named <kind>_<type>.cbor, kind one of request, reply, error, push.
    const QDir dir(QStringLiteral(HEARTH_FUZZ_CORPUS_DIR));
    const QStringList files = dir.entryList({u"*.cbor"_s}, QDir::Files, QDir::Name);
    QVERIFY2(!files.isEmpty(), qPrintable(dir.path()));
    QSet<QString> kinds;
    for (const QString &name : files) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const ProtocolResult<Frame> decoded = decodeFrame(file.readAll());
        QVERIFY2(decoded.ok(), qPrintable(name));
        const Frame &frame = decoded.value();
        const QString kind = name.section(u'_', 0, 0);
        const QString type = name.section(u'_', 1).chopped(5); // without ".cbor"
        kinds.insert(kind);
        std::optional<ProtocolError> error;
        if (kind == u"request"_s) {
            error = requestError(frame);
            QCOMPARE(frame.type(), type);
        } else if (kind == u"reply"_s || kind == u"error"_s) {
            error = validateReply(frame, type);
            QCOMPARE(frame.type(), kind == u"reply"_s ? u"ok"_s : u"error"_s);
        } else if (kind == u"push"_s) {
            error = validatePush(frame);
            QCOMPARE(frame.type(), type);
        } else {
            QFAIL(qPrintable(u"unexpected seed name "_s + name));
        }
        QVERIFY2(!error, qPrintable(name + u": "_s + (error ? error->message : QString())));
    }
    QCOMPARE(kinds, (QSet<QString>{u"request"_s, u"reply"_s, u"error"_s, u"push"_s}));
}

QTEST_GUILESS_MAIN(TestSchema)
#include "tst_schema.moc"
