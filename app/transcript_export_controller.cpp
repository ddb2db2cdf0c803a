// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/transcript_export_controller.h"

#include "app/engine_host.h"
#include "sync/engine/account_export.h"
#include "sync/engine/transcript_export.h"
#include "sync/store/store.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace hearth::app {

namespace {

//! A date bound from QML: a date, a "YYYY-MM-DD" string or nothing. nullopt when malformed.
std::optional<QDate> dateOf(const QVariant &value) {
    if (!value.isValid() || value.isNull())
        return QDate();
    if (value.metaType() == QMetaType::fromType<QDate>())
        return value.toDate();
    if (value.metaType() == QMetaType::fromType<QDateTime>()) {
        const QDateTime time = value.toDateTime();
        return time.isValid() ? time.toLocalTime().date() : QDate();
    }
    const QString text = value.toString().trimmed();
    if (text.isEmpty())
        return QDate();
    const QDate date = QDate::fromString(text, Qt::ISODate);
    return date.isValid() ? std::optional(date) : std::nullopt;
}

QString errorSentence(const engine::ExportError &error) {
    switch (error.code) {
    case engine::ExportErrorCode::NotFound:
        return u"That conversation is not in this profile any more."_s;
    case engine::ExportErrorCode::Store:
        return u"Your local profile could not be read."_s;
    case engine::ExportErrorCode::Io:
        return u"The file could not be written (%1)."_s.arg(error.message);
    case engine::ExportErrorCode::Cancelled:
        break;
    }
    return {};
}

} // namespace

TranscriptExportController::TranscriptExportController(EngineHost &host, QObject *parent)
    : TranscriptExportController([&host] { return host.profile(); }, parent) {}

TranscriptExportController::TranscriptExportController(ProfileSource profile, QObject *parent)
    : QObject(parent)
    , m_profile(std::move(profile)) {}

TranscriptExportController::~TranscriptExportController() {
    if (m_worker) {
        m_cancel->store(true);
        m_worker->wait();
    }
}

void TranscriptExportController::exportConversation(int conversationId, const QUrl &file,
                                                    const QString &format, const QVariant &from,
                                                    const QVariant &to) {
    const auto kind = engine::transcriptFormatFromName(format);
    const auto fromDate = dateOf(from);
    const auto toDate = dateOf(to);
    if (!kind)
        return setError(u"Choose HTML or JSON."_s);
    if (!fromDate || !toDate)
        return setError(u"Write dates as YYYY-MM-DD."_s);
    if (fromDate->isValid() && toDate->isValid() && *fromDate > *toDate)
        return setError(u"The start date is after the end date."_s);
    if (conversationId <= 0)
        return setError(u"Choose a conversation to export."_s);
    engine::TranscriptOptions options;
    options.format = *kind;
    options.range = engine::dayRange(*fromDate, *toDate, options.timeZone);
    const ConversationId conversation{quint64(conversationId)};
    start(file, [options, conversation](store::Store &store, QIODevice &out,
                                        const engine::ExportControl &control) {
        return engine::exportTranscript(store, conversation, options, out, control);
    });
}

void TranscriptExportController::exportAccount(const QUrl &file) {
    start(file, [](store::Store &store, QIODevice &out, const engine::ExportControl &control) {
        return engine::exportAccount(store, out, control);
    });
}

void TranscriptExportController::cancel() {
    if (m_cancel)
        m_cancel->store(true);
}

void TranscriptExportController::start(const QUrl &file, Work work) {
    if (m_worker)
        return setError(u"An export is already running."_s);
    const QString path = file.isLocalFile() ? file.toLocalFile() : QString();
    if (path.isEmpty())
        return setError(u"Choose a file on this computer."_s);
    const std::optional<store::Profile> profile = m_profile ? m_profile() : std::nullopt;
    if (!profile)
        return setError(u"Unlock your profile first."_s);
    setError({});
    setProgress(0);
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto cancel = m_cancel;
    // why: its own read-only connection on its own thread: a long export must hold up neither
    // the UI nor the reader the views page through. Results come back as queued calls, which
    // Qt drops if this object is gone (its destructor joins the thread first anyway).
    m_worker.reset(
        QThread::create([this, profile = *profile, path, work = std::move(work), cancel] {
            std::optional<engine::ExportError> error;
            auto store = profile.openStore(store::Access::ReadOnly);
            if (!store) {
                error = engine::storeExportError(store.error().message);
            } else {
                engine::ExportControl control;
                control.cancel = cancel.get();
                control.progress = [this](qint64 written, qint64 total) {
                    QMetaObject::invokeMethod(
                        this, [this, written, total] { reportProgress(written, total); });
                };
                auto status = engine::writeExportFile(
                    path, [&](QIODevice &out) { return work(**store, out, control); });
                if (!status)
                    error = status.error();
            }
            QMetaObject::invokeMethod(this, [this, path, error] { onDone(path, error); });
        }));
    m_worker->setObjectName(u"hearth-export"_s);
    m_worker->start(QThread::LowPriority);
    Q_EMIT runningChanged();
}

void TranscriptExportController::reportProgress(qint64 written, qint64 total) {
    if (m_worker)
        setProgress(total > 0 ? double(written) / double(total) : 0.0);
}

void TranscriptExportController::onDone(const QString &path,
                                        const std::optional<engine::ExportError> &error) {
    if (m_worker) {
        m_worker->wait();
        m_worker.reset();
    }
    m_cancel.reset();
    const bool completed = !error;
    if (completed) {
        setProgress(1);
        if (m_lastFile != path) {
            m_lastFile = path;
            Q_EMIT lastFileChanged();
        }
    } else {
        setProgress(0);
        setError(errorSentence(*error));
    }
    Q_EMIT runningChanged();
    Q_EMIT finished(completed);
}

void TranscriptExportController::setError(const QString &text) {
    if (m_errorText == text)
        return;
    m_errorText = text;
    Q_EMIT errorTextChanged();
}

void TranscriptExportController::setProgress(double progress) {
    if (qFuzzyCompare(m_progress + 1.0, progress + 1.0))
        return;
    m_progress = progress;
    Q_EMIT progressChanged();
}

} // namespace hearth::app
