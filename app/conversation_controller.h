// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/conversation_rows.h"
#include "app/member_list_model.h"
#include "app/timeline_model.h"

#include <QDeadlineTimer>
#include <QObject>
#include <QQmlEngine>
#include <QTimer>

namespace hearth::app {

class EngineHost;
class PresenceBook;

//! The open conversation: its timeline, members, composer actions and settings.
class ConversationController final : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Opened through App.openConversation")
    Q_PROPERTY(int conversationId READ conversationId CONSTANT)
    Q_PROPERTY(QString title READ title NOTIFY infoChanged)
    Q_PROPERTY(QString kind READ kind NOTIFY infoChanged)
    Q_PROPERTY(QString subtitle READ subtitle NOTIFY subtitleChanged)
    Q_PROPERTY(QString presence READ presence NOTIFY subtitleChanged)
    Q_PROPERTY(QString initials READ initials NOTIFY infoChanged)
    Q_PROPERTY(QColor avatarColor READ avatarColor NOTIFY infoChanged)
    Q_PROPERTY(bool canPost READ canPost NOTIFY infoChanged)
    Q_PROPERTY(bool canManageMembers READ canManageMembers NOTIFY infoChanged)
    Q_PROPERTY(bool isMember READ isMember NOTIFY infoChanged)
    Q_PROPERTY(QString typingText READ typingText NOTIFY typingTextChanged)
    Q_PROPERTY(QString draft READ draft WRITE setDraft NOTIFY draftChanged)
    Q_PROPERTY(QString notificationLevel READ notificationLevel NOTIFY infoChanged)
    Q_PROPERTY(bool muted READ muted NOTIFY infoChanged)
    //! "", "refused" or "fork": see ConversationRow::membershipAlert.
    Q_PROPERTY(QString membershipAlert READ membershipAlert NOTIFY infoChanged)
    Q_PROPERTY(hearth::app::TimelineModel *timeline READ timeline CONSTANT)
    Q_PROPERTY(hearth::app::MemberListModel *members READ members CONSTANT)
    //! Set by the view: it shows the newest message (scrolled to the end, following). While
    //! the window is active too, what is shown counts as read (the mark-read policy lives here).
    Q_PROPERTY(bool atLatest READ atLatest WRITE setAtLatest NOTIFY atLatestChanged)

public:
    //! `renderer` names the member (mentionName) and carries the theme's colours.
    ConversationController(EngineHost &host, PresenceBook &presence, ConversationRow row,
                           const MarkdownRenderer &renderer, QObject *parent = nullptr);
    ~ConversationController() override;

    [[nodiscard]] int conversationId() const { return int(m_row.id); }
    [[nodiscard]] QString title() const { return m_row.title; }
    [[nodiscard]] QString kind() const { return m_row.kind; }
    [[nodiscard]] QString subtitle() const;
    //! DMs: the peer's "online", "away" or "offline"; empty otherwise.
    [[nodiscard]] QString presence() const;
    [[nodiscard]] QString initials() const;
    [[nodiscard]] QColor avatarColor() const;
    [[nodiscard]] bool canPost() const;
    [[nodiscard]] bool canManageMembers() const;
    [[nodiscard]] bool isMember() const { return m_row.member; }
    [[nodiscard]] QString typingText() const;
    [[nodiscard]] QString draft() const { return m_draft; }
    void setDraft(const QString &draft);
    [[nodiscard]] QString notificationLevel() const { return m_row.notificationLevel; }
    [[nodiscard]] bool muted() const { return m_row.muted; }
    [[nodiscard]] QString membershipAlert() const { return m_row.membershipAlert; }
    [[nodiscard]] TimelineModel *timeline() { return &m_timeline; }
    [[nodiscard]] MemberListModel *members() { return &m_members; }
    [[nodiscard]] bool atLatest() const { return m_atLatest; }
    void setAtLatest(bool atLatest);
    //! The window is in front (AppController::windowActive): only then is anything read.
    void setWindowActive(bool active);

    Q_INVOKABLE void send(const QString &text);
    Q_INVOKABLE void edit(qint64 seq, const QString &text);
    Q_INVOKABLE void remove(qint64 seq);
    Q_INVOKABLE void react(qint64 seq, const QString &emoji);
    Q_INVOKABLE void markRead();
    //! Sends the failed message at timeline row `row` again.
    Q_INVOKABLE void retry(int row);
    Q_INVOKABLE void setTyping(bool active);
    Q_INVOKABLE void addMember(const QString &userName);
    Q_INVOKABLE void removeMember(const QString &userName);
    Q_INVOKABLE void leave();
    Q_INVOKABLE void setNotificationLevel(const QString &level);
    Q_INVOKABLE void setMuted(bool muted);
    //! The member has read the membership warning (sending resumes after a fork).
    Q_INVOKABLE void dismissMembershipAlert();
    //! For Up in an empty composer: {seq, text} of the newest own message (seq 0: none).
    Q_INVOKABLE QVariantMap lastOwnMessage() const;
    Q_INVOKABLE void loadOlder() { m_timeline.loadOlder(); }
    Q_INVOKABLE void loadNewer() { m_timeline.loadNewer(); }
    //! Shows message `seq` in the timeline (TimelineModel::jumpTo).
    Q_INVOKABLE void jumpTo(qint64 seq) { m_timeline.jumpTo(seq); }
    //! Shows the first message of `day` (local time) or after it; the newest if none is.
    Q_INVOKABLE void jumpToDate(const QDate &day);
    Q_INVOKABLE void showLatest() { m_timeline.showLatest(); }

    //! The sidebar's row changed (title, muting, membership).
    void updateRow(const ConversationRow &row);
    //! Someone's typing state here changed.
    void onTyping(const QString &user, bool active);

Q_SIGNALS:
    void infoChanged();
    void subtitleChanged();
    void typingTextChanged();
    void draftChanged();
    void atLatestChanged();
    //! Something the member asked for failed: show `message`.
    void failed(const QString &message);
    //! Local settings of the conversation changed (the sidebar reloads).
    void settingsChanged();
    //! The account left this conversation.
    void left();

private:
    void sendContent(store::MessageContent content);
    void report(const std::optional<QString> &error);
    void expireTyping();
    //! markRead() when the member sees the newest message: the view is at it, the window active.
    void markReadIfSeen();

    EngineHost &m_host;
    PresenceBook &m_presence;
    ConversationRow m_row;
    QString m_self;
    QString m_draft;
    TimelineModel m_timeline;
    MemberListModel m_members;
    QHash<QString, QDeadlineTimer> m_typing; // who is typing here, until when
    QTimer m_typingExpiry;
    quint64 m_markedRead = 0;
    bool m_atLatest = false;
    bool m_windowActive = false;
};

} // namespace hearth::app
