// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/demo/demo_cast.h"
#include "app/demo/demo_script.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>

namespace hearth::demo {

//! A message as played: who sent it and the seq the relay gave it.
struct PlayedMessage final {
    QString author;
    quint64 seq = 0;
};

//! What playing one script left behind.
struct PlayedScript final {
    QList<PlayedMessage> messages; //!< in seq order (relations not included)
    quint64 lastSeq = 0;           //!< the conversation's last event
};

//! Plays scripts into conversations: every step is sent by its author's own engine (so it is
//! end-to-end encrypted like any message) and acknowledged by the relay before the next one,
//! which keeps the conversation in script order. Sends are paced per member below the relay's
//! default rate limit.
class ScriptPlayer final {
public:
    explicit ScriptPlayer(DemoCast &cast)
        : m_cast(cast) {}

    //! Plays `steps` into `conversation`; stops at the first step that fails.
    [[nodiscard]] std::optional<DemoFailure>
    play(hearth::ConversationId conversation, const QList<ScriptStep> &steps, PlayedScript &played);

private:
    //! Sends one step's content as `author` and waits for its seq; `cmid`: the one it went as.
    [[nodiscard]] std::optional<DemoFailure> send(const QString &author,
                                                  hearth::ConversationId conversation,
                                                  const store::MessageContent &content,
                                                  quint64 &seq, store::ClientMessageId &cmid);
    //! Waits until `author` may send again without nearing the relay's rate limit.
    void pace(const QString &author);

    struct Bucket {
        double tokens = 0;
        QElapsedTimer refilled;
    };

    DemoCast &m_cast;
    QHash<QString, Bucket> m_buckets;
};

} // namespace hearth::demo
