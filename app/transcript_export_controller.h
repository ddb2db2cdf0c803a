// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/engine/transcript_pages.h"
#include "sync/store/profile.h"

#include <QIODevice>
#include <QObject>
#include <QQmlEngine>
#include <QThread>
#include <QUrl>
#include <QVariant>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace hearth::app {

class EngineHost;

//! Exports a conversation's transcript (HTML or JSON) or the whole account (JSON) to a file,
//! on a worker thread of its own with its own read-only connection, so neither the UI nor the
//! reader that feeds the views waits for it. One export at a time. The file appears only when
//! the export completes: a cancelled or failed one leaves no partial file (and an older file of
//! that name as it was).
class TranscriptExportController final : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by App")
    //! 0..1 while running: events written over the events expected; 1 once done.
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged)
    Q_PROPERTY(bool running READ running NOTIFY runningChanged)
    //! Why the last export failed, in words a member understands; "" when it did not (a
    //! cancelled export is not a failure).
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)
    //! The local path of the last file written completely ("" before the first).
    Q_PROPERTY(QString lastFile READ lastFile NOTIFY lastFileChanged)

public:
    //! Gives the open profile (nullopt while locked).
    using ProfileSource = std::function<std::optional<store::Profile>()>;

    explicit TranscriptExportController(EngineHost &host, QObject *parent = nullptr);
    explicit TranscriptExportController(ProfileSource profile, QObject *parent = nullptr);
    //! Cancels a running export and waits for its thread.
    ~TranscriptExportController() override;

    [[nodiscard]] double progress() const { return m_progress; }
    [[nodiscard]] bool running() const { return m_worker != nullptr; }
    [[nodiscard]] QString errorText() const { return m_errorText; }
    [[nodiscard]] QString lastFile() const { return m_lastFile; }

    //! Exports conversation `conversationId` to `file` (a local file URL) as `format` ("html" or
    //! "json"). `from` and `to` bound it by whole days, both included, in local time: each a
    //! date (JS Date), a "YYYY-MM-DD" string, or null/undefined/"" for no bound.
    Q_INVOKABLE void exportConversation(int conversationId, const QUrl &file, const QString &format,
                                        const QVariant &from, const QVariant &to);
    //! Exports the whole account (docs/cli.md, "Account archive") to `file`.
    Q_INVOKABLE void exportAccount(const QUrl &file);
    //! Stops the running export between two pages; its file is not written.
    Q_INVOKABLE void cancel();

Q_SIGNALS:
    void progressChanged();
    void runningChanged();
    void errorTextChanged();
    void lastFileChanged();
    //! An export ended: completed (`lastFile` is its file), failed (`errorText`) or cancelled.
    void finished(bool completed);

private:
    using Work = std::function<engine::ExportStatus(store::Store &, QIODevice &,
                                                    const engine::ExportControl &)>;
    //! Checks the request and starts `work` on the worker thread, into `file`.
    void start(const QUrl &file, Work work);
    void reportProgress(qint64 written, qint64 total);
    void onDone(const QString &path, const std::optional<engine::ExportError> &error);
    void setError(const QString &text);
    void setProgress(double progress);

    ProfileSource m_profile;
    std::unique_ptr<QThread> m_worker;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    double m_progress = 0;
    QString m_errorText;
    QString m_lastFile;
};

} // namespace hearth::app
