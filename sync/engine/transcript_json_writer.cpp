// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/transcript_json_writer.h"

#include "sync/engine/transcript_event_json.h"

#include <QJsonDocument>

namespace hearth::engine {

using namespace Qt::Literals::StringLiterals;

QByteArray openJsonArrayField(const QJsonObject &fields, QLatin1StringView arrayKey) {
    // why: QJsonDocument writes the fields (escaping and all); only the closing brace goes, so
    // the array can follow one element at a time.
    QByteArray json = QJsonDocument(fields).toJson(QJsonDocument::Compact);
    json.chop(1);
    if (!fields.isEmpty())
        json += ',';
    const QByteArray key =
        QJsonDocument(QJsonObject{{QString(arrayKey), 0}}).toJson(QJsonDocument::Compact);
    json += key.sliced(1, key.size() - 3); // `{"key":0}` without `{` and `0}`
    json += "[\n";
    return json;
}

QJsonObject transcriptHeaderJson(const TranscriptHeader &header) {
    QJsonObject json = conversationJson(header.conversation);
    json.insert(u"schema_version"_s, kExportSchemaVersion);
    json.insert(u"exported_ts"_s, header.exportedTs);
    json.insert(u"exported_by"_s, header.thisDevice.user.name);
    if (header.range.fromTs)
        json.insert(u"from_ts"_s, *header.range.fromTs);
    if (header.range.toTs)
        json.insert(u"to_ts"_s, *header.range.toTs);
    return json;
}

bool JsonTranscriptWriter::begin(const TranscriptHeader &header) {
    m_thisDevice = header.thisDevice;
    m_first = true;
    const QByteArray head = openJsonArrayField(transcriptHeaderJson(header), "events"_L1);
    return m_out.write(head) == head.size();
}

bool JsonTranscriptWriter::write(const store::TimelineEvent &event) {
    QByteArray line = m_first ? QByteArray() : QByteArrayLiteral(",\n");
    m_first = false;
    line += QJsonDocument(transcriptEventJson(event, m_thisDevice)).toJson(QJsonDocument::Compact);
    return m_out.write(line) == line.size();
}

bool JsonTranscriptWriter::finish() {
    const QByteArray closing = m_first ? "]}\n"_ba : "\n]}\n"_ba;
    return m_out.write(closing) == closing.size();
}

} // namespace hearth::engine
