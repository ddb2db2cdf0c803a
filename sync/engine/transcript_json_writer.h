// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/transcript_writer.h"

#include <QByteArray>
#include <QJsonObject>
#include <QLatin1StringView>

namespace hearth::engine {

//! The schema version of the JSON exports (`schema_version`; docs/cli.md, "Export format").
inline constexpr int kExportSchemaVersion = 2;

//! `fields` as a JSON object left open for an array named `arrayKey` to follow:
//! `{"a":1,"b":2,"arrayKey":[`. Close it with `]}`. Lets a document stream its array.
[[nodiscard]] QByteArray openJsonArrayField(const QJsonObject &fields, QLatin1StringView arrayKey);

//! The transcript as one JSON document, streamed: the header fields, then each event as one
//! compact object per line (transcriptEventJson), then the closing brackets.
class JsonTranscriptWriter final : public TranscriptWriter {
public:
    explicit JsonTranscriptWriter(QIODevice &out)
        : m_out(out) {}

    [[nodiscard]] bool begin(const TranscriptHeader &header) override;
    [[nodiscard]] bool write(const store::TimelineEvent &event) override;
    [[nodiscard]] bool finish() override;

private:
    QIODevice &m_out;
    DeviceAddress m_thisDevice;
    bool m_first = true;
};

//! The header fields of a transcript (schema, export time, range, conversation).
[[nodiscard]] QJsonObject transcriptHeaderJson(const TranscriptHeader &header);

} // namespace hearth::engine
