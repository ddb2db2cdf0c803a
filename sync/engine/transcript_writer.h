// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/transcript_pages.h"
#include "sync/store/conversation.h"
#include "sync/store/event.h"

#include <QIODevice>
#include <QTimeZone>

namespace hearth::engine {

//! What a transcript says before its events.
struct TranscriptHeader final {
    store::Conversation conversation;
    DeviceAddress thisDevice; //!< the profile's account and device (who exported it)
    qint64 exportedTs = 0;    //!< ms since the epoch
    TimeRange range;          //!< the range asked for (relay time, inclusive)
    QTimeZone timeZone;       //!< the days and times of a human-readable format
};

//! One transcript format, written to a device as the events stream by: begin(), write() per
//! event in seq order, finish(). Each returns false when the device refused the bytes (its
//! errorString() says why); nothing is kept between events but what the format needs.
class TranscriptWriter {
public:
    virtual ~TranscriptWriter() = default;
    [[nodiscard]] virtual bool begin(const TranscriptHeader &header) = 0;
    [[nodiscard]] virtual bool write(const store::TimelineEvent &event) = 0;
    [[nodiscard]] virtual bool finish() = 0;
};

} // namespace hearth::engine
