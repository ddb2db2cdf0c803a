// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/timeline_rows.h"
#include "sync/engine/timeline_change.h"

#include <QAbstractListModel>
#include <QQmlEngine>

namespace hearth::app {

class EngineHost;

//! One conversation's timeline, oldest first: the newest page on open, older pages on demand,
//! new events, edits, reactions and receipts as they arrive, and own messages still in the
//! outbox at the end (they become their stored event in place once acknowledged). It follows
//! the engine's timelineChanged() itself and touches only the rows a change names: new events
//! are appended, a local echo is one inserted row, an edit, reaction, deletion or late
//! decryption re-reads just its row (a row not loaded yet is current when it loads), a receipt
//! re-reads nothing. Reads run on the reader thread; rendering markdown happens there too.
//!
//! jumpTo() shows the page around one message (a search result, a date) instead: the rows then
//! stop short of the newest (`showsLatest` false), new events are not appended, and
//! loadNewer() pages forward until they reach it again.
class TimelineModel final : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by a ConversationController")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool atStart READ atStart NOTIFY atStartChanged)
    Q_PROPERTY(bool loadingOlder READ loadingOlder NOTIFY loadingOlderChanged)
    Q_PROPERTY(int firstUnreadRow READ firstUnreadRow NOTIFY countChanged)
    //! The rows reach the newest stored event (false after a jump into older history).
    Q_PROPERTY(bool showsLatest READ showsLatest NOTIFY showsLatestChanged)
    Q_PROPERTY(bool loadingNewer READ loadingNewer NOTIFY loadingNewerChanged)
    //! The message jumped to last (highlighted for a moment), 0 when none.
    Q_PROPERTY(qint64 highlightSeq READ highlightSeq NOTIFY jumped)

public:
    enum Role {
        SeqRole = Qt::UserRole + 1, /**< int: the relay's seq; 0 while pending */
        EventKindRole,              /**< string: "message", "membership", "undecryptable" */
        SenderNameRole,             /**< string: the sender's user name */
        OwnRole,                    /**< bool: sent by this account */
        TextRole,                   /**< string: the raw text (markdown), or a membership line */
        HtmlRole,                   /**< string: the text rendered safely for Text.RichText */
        TimeRole,                   /**< date: relay time (compose time while pending) */
        StateRole, /**< string: own messages: "pending", "sending", "failed", "sent", "read" */
        ReadByCountRole,  /**< int: other members whose read marker passed this message */
        EditedRole,       /**< bool */
        DeletedRole,      /**< bool */
        ReactionsRole,    /**< list of {emoji, count, mine} */
        FirstInGroupRole, /**< bool: first of consecutive messages of one sender: show name */
        DaySeparatorRole, /**< string: "Today", …; empty unless this row starts a day */
        FirstUnreadRole,  /**< bool: the first message after the read marker at opening */
        AvatarColorRole,  /**< color of the sender */
        InitialsRole,     /**< string: the sender's initials */
        /** string, membership lines: "signed" (verified), "relay" (a removal the relay made on
            its own), "refused" (did not verify: not applied), "" (stored before signing) */
        MembershipTrustRole,
    };
    Q_ENUM(Role)

    //! Page sizes: the first page and each older page.
    static constexpr int kPageSize = 60;
    //! More new events than this at once (a long catch-up) replace the rows with the newest page.
    static constexpr int kMaxGap = 2000;

    //! `renderer` names the member (its mentionName) and carries the theme's colours.
    TimelineModel(EngineHost &host, hearth::ConversationId conversation, MarkdownRenderer renderer,
                  QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] int count() const { return int(m_rows.size()); }
    [[nodiscard]] bool atStart() const { return m_atStart; }
    [[nodiscard]] bool loadingOlder() const { return m_loadingOlder; }
    [[nodiscard]] int firstUnreadRow() const;
    [[nodiscard]] bool showsLatest() const { return m_showsLatest; }
    [[nodiscard]] bool loadingNewer() const { return m_loadingNewer; }
    [[nodiscard]] qint64 highlightSeq() const { return qint64(m_highlight); }
    //! The newest stored seq shown (0 when none).
    [[nodiscard]] quint64 lastSeq() const;
    //! The newest own message that can be edited: {seq, text}; seq 0 when none.
    [[nodiscard]] std::pair<quint64, QString> lastOwnMessage() const;
    //! The client id of the failed own message at `row`, if that row is one.
    [[nodiscard]] std::optional<store::ClientMessageId> failedMessageAt(int row) const;
    //! The row of a stored event, if loaded.
    [[nodiscard]] const TimelineRow *rowOf(quint64 seq) const;
    //! How a relation or reply names the stored message `seq`: its sender and signed cmid;
    //! nullopt when that row is not loaded or has no cmid.
    [[nodiscard]] std::optional<store::EventRef> refOf(quint64 seq) const;

    //! Named in "alice created <title>" when the create event carries none.
    void setConversationTitle(const QString &title) { m_title = title; }

    //! Loads the next older page.
    Q_INVOKABLE void loadOlder();
    //! Loads the next newer page (after a jump).
    Q_INVOKABLE void loadNewer();
    //! Shows message `seq`: at once if loaded, else after loading the page around it. Then
    //! jumped(row) names its row (or the nearest, if it is gone).
    Q_INVOKABLE void jumpTo(qint64 seq);
    //! Shows the newest page again (after a jump), as on opening.
    Q_INVOKABLE void showLatest();
    //! The row of stored event `seq`, -1 when it is not loaded.
    Q_INVOKABLE int rowOfSeq(qint64 seq) const { return int(indexOfSeq(quint64(seq))); }
    //! Applies a change the engine reports (changes of other conversations are ignored).
    void apply(const engine::TimelineChange &change);

Q_SIGNALS:
    void countChanged();
    void atStartChanged();
    void loadingOlderChanged();
    void showsLatestChanged();
    void loadingNewerChanged();
    //! A jump landed: the view scrolls to `row` (highlightSeq names its message).
    void jumped(int row);
    //! A load, an update or a re-read of rows was applied (tests wait on it).
    void loaded();

private:
    void loadFirst();
    void continueJump();
    void append(TimelineSlice slice);
    void setShowsLatest(bool shows);
    void update();
    void applyUpdate(TimelineSlice slice);
    void prepend(TimelineSlice slice);
    void replaceAll(TimelineSlice slice);
    void applyReceipt(const QString &user, quint64 seq);
    //! Re-reads the rows `refs` name, if loaded; remembered while a load is in flight.
    void rereadTargets(const QList<store::EventRef> &refs);
    void rereadStale();
    void replaceRows(const QList<TimelineRow> &rows);
    [[nodiscard]] qsizetype indexOfRef(const store::EventRef &ref) const;
    [[nodiscard]] qsizetype indexOfSeq(quint64 seq) const;
    //! The first stored row with a seq of at least `seq` (m_storedCount when none).
    [[nodiscard]] qsizetype rowAtOrAfter(quint64 seq) const;
    [[nodiscard]] QString stateOf(const TimelineRow &row) const;
    [[nodiscard]] int readBy(quint64 seq) const;
    [[nodiscard]] bool startsGroup(int row) const;
    [[nodiscard]] bool isFirstUnread(int row) const;
    [[nodiscard]] QString membershipText(const store::TimelineEvent &event) const;
    //! "Alice added bob" and the like, as the change says (membershipText adds its trust).
    [[nodiscard]] QString changeText(const store::TimelineEvent &event) const;
    [[nodiscard]] static QString membershipTrust(const store::TimelineEvent &event);
    void touchNeighbour(int row);

    EngineHost &m_host;
    hearth::ConversationId m_conversation;
    MarkdownRenderer m_renderer;
    QString m_self;
    QString m_title;
    QList<TimelineRow> m_rows; // stored events (ascending seq), then pending ones
    qsizetype m_storedCount = 0;
    QHash<QString, quint64> m_receipts;
    quint64 m_markerAtOpen = 0;
    bool m_atStart = false;
    bool m_loadingOlder = false;
    bool m_updating = false;
    bool m_updateAgain = false;
    bool m_loadedFirst = false;
    bool m_showsLatest = true;
    bool m_loadingNewer = false;
    quint64 m_jumpTarget = 0; // a jump waiting for the load in flight
    quint64 m_highlight = 0;
    // Changes to rows not loaded while a load was in flight: checked again once it is applied
    // (the load may have read them before the change).
    QList<store::EventRef> m_unresolved;
    QList<quint64> m_stale; // loaded rows to re-read
    bool m_rereading = false;
};

} // namespace hearth::app
