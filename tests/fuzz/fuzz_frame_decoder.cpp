// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: any bytes through decodeFrame, and every frame it accepts through the
// validators and an encode/decode round trip. Crashes, sanitizer reports and aborts are bugs.
#include "sync/protocol/frame.h"
#include "sync/protocol/protocol.h"
#include "sync/protocol/schema.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace hearth::protocol;

namespace {

[[noreturn]] void fail(const char *what) {
    std::fprintf(stderr, "fuzz_frame_decoder: %s\n", what);
    std::abort();
}

//! Whether a NaN occurs anywhere in `value` (map keys included).
bool containsNaN(const QCborValue &value) {
    if (value.isDouble())
        return std::isnan(value.toDouble());
    if (value.isTag())
        return containsNaN(value.taggedValue());
    if (value.isArray()) {
        for (const QCborValue &element : value.toArray())
            if (containsNaN(element))
                return true;
    }
    if (value.isMap()) {
        const QCborMap map = value.toMap();
        for (auto it = map.begin(); it != map.end(); ++it)
            if (containsNaN(it.key()) || containsNaN(it.value()))
                return true;
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const ProtocolResult<Frame> decoded =
        decodeFrame(QByteArrayView(data, static_cast<qsizetype>(size)));
    if (!decoded.ok()) {
        if (decoded.error().code != ErrorCode::BadFrame)
            fail("decodeFrame failed with a code other than bad_frame");
        return 0;
    }
    const Frame &frame = decoded.value();

    // The validators must cope with anything decodeFrame lets through.
    const ProtocolResult<const RequestSpec *> request = validateRequest(frame);
    if (request.ok() && request.value()->type != frame.type())
        fail("validateRequest matched a spec of another type");
    if (!request.ok() && request.error().code != ErrorCode::BadFrame &&
        request.error().code != ErrorCode::UnknownType)
        fail("validateRequest failed with an unexpected code");
    (void)validatePush(frame);
    (void)validateReply(frame, frame.type());
    if (frame.isReply())
        for (const RequestSpec &spec : requestSpecs())
            (void)validateReply(frame, QString(spec.type));
    (void)frame.toError();

    // Whatever was accepted re-encodes to bytes that decode to the same frame, and the
    // encoding is a fixed point from then on.
    const QByteArray encoded = frame.encode();
    const ProtocolResult<Frame> again = decodeFrame(encoded);
    if (!again.ok())
        fail("a decoded frame did not survive re-encoding");
    // why: Qt writes every NaN as the canonical one, and a NaN with another payload (from the
    // input) does not compare equal to it inside a container. Those frames still have to
    // reach the fixed point below.
    if (!(again.value() == frame) && !containsNaN(QCborValue(frame.map())))
        fail("the re-decoded frame differs");
    if (again.value().encode() != encoded)
        fail("the encoding is not stable");
    const ProtocolResult<Frame> third = decodeFrame(again.value().encode());
    if (!third.ok() || !(third.value() == again.value()))
        fail("the re-encoded frame is not a fixed point");
    return 0;
}
