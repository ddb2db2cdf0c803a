// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/event_processor.h"

#include "sync/engine/conversation_info.h"
#include "sync/engine/device_directory.h"
#include "sync/engine/engine_error.h"
#include "sync/engine/key_sharing.h"
#include "sync/engine/payload_codec.h"
#include "sync/engine/relay_link.h"
#include "sync/protocol/messages.h"
#include "sync/protocol/names.h"
#include "sync/protocol/protocol.h"
#include "sync/store/replay_store.h"

#include <QLoggingCategory>
#include <algorithm>

namespace hearth::engine {

using namespace Qt::Literals::StringLiterals;
using store::DecryptionState;

Q_LOGGING_CATEGORY(lcEvents, "hearth.engine.events")

namespace {
constexpr qsizetype kStoreBatch = 64; //!< decrypted messages per insertAll within a page
} // namespace

EventProcessor::EventProcessor(EngineContext &context, DeviceDirectory &directory, KeySharing &keys,
                               QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_directory(directory)
    , m_keys(keys)
    , m_membership(context, directory) {}

std::optional<EngineError> EventProcessor::storeEvents(ConversationId conversation,
                                                       const QList<protocol::Event> &events,
                                                       bool advanceCursor) {
    store::Store &store = m_context.store;
    QList<Rejection> rejections;
    QList<Rejection> refusals; // membership changes refused: stored, shown, applied to nothing
    bool membershipStored = false;
    int replays = 0;
    QList<TimelineChange> changes;
    // why: one transaction per page. Decrypting advances inbound sessions; inside the page's
    // transaction those writes are one commit with the events and the cursor (not one per
    // message), and a failed page leaves the sessions as they were.
    auto stored = store.transaction([&]() -> store::StoreResult<int> {
        std::vector<store::IncomingEvent> incoming;
        incoming.reserve(static_cast<size_t>(events.size()));
        QList<PageDecryptor::Message> messages;
        std::vector<size_t> messageEvents; // index in `incoming` of each of `messages`
        quint64 lastSeq = 0;
        for (const protocol::Event &wire : events) {
            if (wire.conv != conversation)
                continue;
            lastSeq = std::max(lastSeq, wire.seq);
            auto event = eventFrom(wire);
            if (!event)
                continue;
            if (event->kind == store::EventKind::Membership) {
                membershipStored = true;
                auto verified = verifyMembership(*event, wire);
                if (!verified)
                    return verified.error();
                if (*verified)
                    refusals.append(Rejection{event->seq, **verified});
            }
            if (event->kind == store::EventKind::Message) {
                messages.append(
                    {event->conversation, event->sender, event->ciphertext, event->cmid});
                messageEvents.push_back(incoming.size());
            }
            incoming.push_back(std::move(*event));
        }
        auto chained = store.membership().head(conversation);
        if (!chained)
            return chained.error();
        const bool bound = chained->has_value();
        std::vector<bool> keep(incoming.size(), true);
        std::optional<store::StoreFailure> failed;
        int inserted = 0;
        size_t done = 0; // incoming[0, done) went to the store
        // why: stored in batches as they are decrypted, so the store's work overlaps the
        // signature checks of the rest of the page (PageDecryptor::decryptEach).
        const auto storeUpTo = [&](size_t end) {
            std::vector<store::IncomingEvent> batch;
            batch.reserve(end - done);
            for (; done < end; ++done) {
                if (keep[done])
                    batch.push_back(std::move(incoming[done]));
            }
            addChanges(changes, batch);
            if (auto added = store.events().insertAll(batch); !added)
                failed = added.error();
            else
                inserted += *added;
        };
        PageDecryptor page(store.sessions());
        store::ReplayStore replaysSeen(store.database());
        page.decryptEach(messages, [&](qsizetype i, PageDecryptor::Result result) {
            if (failed)
                return;
            const size_t at = messageEvents[static_cast<size_t>(i)];
            store::IncomingEvent &event = incoming[at];
            if (!apply(result, event, true)) {
                // why: an accepted ciphertext again under a new seq and cmid is a replay (shown
                // once, not counted as a forgery), whatever cmid the relay put on it.
                auto replayed = result.cmidMismatch
                                    ? replaysSeen.replayedGroupMessage(
                                          event.conversation, event.sender.device,
                                          *result.sessionId, result.index, event.seq)
                                    : store::StoreResult<bool>(false);
                if (!replayed) {
                    failed = replayed.error();
                    return;
                }
                if (*replayed)
                    ++replays;
                else
                    rejections.append(Rejection{event.seq, reason(result)});
                keep[at] = false;
            } else if (result.outcome == PageDecryptor::Outcome::Ok) {
                if (bound) {
                    if (auto checked = checkMembershipHead(event, result.content); !checked) {
                        failed = checked.error();
                        return;
                    }
                }
                auto fresh =
                    replaysSeen.recordGroupMessage(event.conversation, event.sender.device,
                                                   *result.sessionId, result.index, event.seq);
                if (!fresh) {
                    failed = fresh.error();
                    return;
                }
                if (!*fresh) {
                    ++replays; // the same ciphertext under another seq: shown once
                    keep[at] = false;
                }
            }
            if ((i + 1) % kStoreBatch == 0)
                storeUpTo(at + 1);
        });
        if (!failed)
            storeUpTo(incoming.size());
        if (failed)
            return *failed;
        if (auto saved = page.flush(); !saved)
            return saved.error();
        if (!advanceCursor || lastSeq == 0)
            return inserted;
        if (auto moved = store.conversations().advanceCursor(conversation, lastSeq); !moved)
            return moved.error();
        return inserted;
    });
    if (!stored) {
        m_forked.clear();
        return storeError(stored.error()); // the page comes again: rejections reported then
    }
    reportForks();
    if (replays > 0)
        qCInfo(lcEvents) << "dropped" << replays << "replayed message(s)";
    for (const Rejection &refusal : std::as_const(refusals)) {
        qCWarning(lcEvents) << "refused a membership change:" << refusal.reason;
        Q_EMIT membershipRefused(conversation.value, refusal.seq, refusal.reason);
    }
    for (const Rejection &rejection : std::as_const(rejections)) {
        ++m_rejected;
        qCWarning(lcEvents) << "rejected an event:" << rejection.reason;
        Q_EMIT eventRejected(conversation.value, rejection.seq, rejection.reason);
    }
    if (*stored > 0) {
        for (const TimelineChange &change : std::as_const(changes))
            Q_EMIT timelineChanged(change);
        Q_EMIT eventsChanged(conversation.value);
    }
    if (membershipStored)
        Q_EMIT membersChanged(conversation.value);
    return std::nullopt;
}

std::optional<store::IncomingEvent> EventProcessor::eventFrom(const protocol::Event &wire) {
    store::IncomingEvent event;
    event.conversation = wire.conv;
    event.seq = wire.seq;
    event.ts = static_cast<qint64>(wire.ts);
    event.sender = DeviceAddress{wire.sender, wire.device};
    if (wire.kind == protocol::event_kind::kMembership) {
        const auto action = protocol::actionFromName(wire.action.value_or(QString()));
        if (!action)
            return std::nullopt;
        event.kind = store::EventKind::Membership;
        event.membership = store::MembershipChange{
            *action,
            wire.user.value_or(UserId{}),
            protocol::roleFromName(wire.role.value_or(QString())),
            protocol::kindFromName(wire.convKind.value_or(QString())),
            wire.title.value_or(QString()),
            std::nullopt}; // what the relay claims: MembershipVerifier decides the trust
        return event;
    }
    if (wire.kind != protocol::event_kind::kMessage)
        return std::nullopt;
    event.kind = store::EventKind::Message;
    event.cmid = store::ClientMessageId::fromBytes(wire.cmid.value_or(QByteArray()));
    event.ciphertext = wire.body.value_or(QByteArray()); // dropped once decrypted
    return event;
}

bool EventProcessor::apply(const PageDecryptor::Result &result, store::IncomingEvent &event,
                           bool requestMissingKey) {
    using Outcome = PageDecryptor::Outcome;
    switch (result.outcome) {
    case Outcome::Ok:
        // why: a device its owner signed off the list is refused from then on, even with a
        // session it was given before (a relay holding its messages back delivers them now).
        if (!mayWaitForKey(event.sender))
            return false;
        event.decryption = DecryptionState::Ok;
        event.content = result.content;
        event.ciphertext.clear();
        return true;
    case Outcome::NoSession:
        if (!mayWaitForKey(event.sender))
            return false;
        event.decryption = DecryptionState::Pending;
        event.sessionId = result.sessionId;
        if (requestMissingKey)
            m_keys.requestKey(event.conversation, event.sender, *result.sessionId);
        return true;
    case Outcome::TooOld:
    case Outcome::Broken:
    case Outcome::Legacy: // why: shown as undecryptable rather than applied to a guessed target
        event.decryption = DecryptionState::Failed;
        event.sessionId = result.sessionId;
        return true;
    case Outcome::Rejected:
        return false;
    }
    return false;
}

store::StoreResult<std::optional<QString>>
EventProcessor::verifyMembership(store::IncomingEvent &event, const protocol::Event &wire) {
    // why: an event already stored was verified when it was; verifying it again would find
    // the chain past it.
    auto known = m_context.store.events().exists(event);
    if (!known)
        return known.error();
    if (*known)
        return std::optional<QString>();
    return m_membership.verify(event, wire);
}

store::StoreStatus EventProcessor::checkMembershipHead(const store::IncomingEvent &event,
                                                       const store::MessageContent &content) {
    store::MembershipStore &chains = m_context.store.membership();
    auto head = chains.head(event.conversation);
    if (!head)
        return head.error();
    if (!*head)
        return {}; // stored before signed membership: its messages name no head
    auto known = content.membershipHead.isEmpty()
                     ? store::StoreResult<bool>(false)
                     : chains.knowsHead(event.conversation, content.membershipHead);
    if (!known)
        return known.error();
    if (*known)
        return {};
    // why: the sender wrote under a membership history this device never saw (a change the
    // relay showed only to some members): keys must stop flowing until that is resolved.
    qCWarning(lcEvents) << "a message was written under an unknown membership history";
    m_forked.insert(event.conversation.value);
    return chains.raiseAlert(event.conversation, store::MembershipAlert::Fork, event.seq);
}

void EventProcessor::reportForks() {
    const QSet<quint64> forked = std::exchange(m_forked, {});
    for (const quint64 conversation : forked)
        Q_EMIT membershipForked(conversation);
}

bool EventProcessor::readyFor(ConversationId conversation, const QList<protocol::Event> &events) {
    return !m_membership.needsChain(conversation, events) &&
           m_membership.unknownSigners(MembershipVerifier::opsOf(events)).isEmpty();
}

void EventProcessor::prepare(ConversationId conversation, const QList<protocol::Event> &events,
                             Completion done) {
    if (!m_membership.needsChain(conversation, events)) {
        fetchSigners(MembershipVerifier::opsOf(events), std::move(done));
        return;
    }
    m_context.connection.send(
        protocol::MembershipChainRequest{{conversation}},
        [this, conversation, done](const auto &reply) {
            if (!reply) {
                done(relayError(reply.error()));
                return;
            }
            QList<std::pair<quint64, QByteArray>> chain;
            QList<QByteArray> ops;
            for (const protocol::ChainOp &entry : reply.value().ops) {
                chain.append({entry.seq, entry.op});
                ops.append(entry.op);
            }
            fetchSigners(ops, [this, conversation, chain, done](const auto &error) {
                if (error) {
                    done(error);
                    return;
                }
                auto adopted = m_context.store.transaction(
                    [&] { return m_membership.adoptChain(conversation, chain); });
                done(adopted ? std::nullopt : std::optional(storeError(adopted.error())));
            });
        });
}

void EventProcessor::fetchSigners(const QList<QByteArray> &ops, Completion done) {
    const QList<UserId> users = m_membership.unknownSigners(ops);
    if (users.isEmpty()) {
        done(std::nullopt);
        return;
    }
    if (users.contains(m_context.identity.user) && !m_membership.ownAccountKeyPinned()) {
        // why: this account's own changes can be checked only against its signed list, which
        // this device trusts once it is approved; refusing them now would break the chain for
        // good. The page waits (its cursor stays) and catch-up runs again on approval.
        done(engineError(EngineErrorCode::Untrusted,
                         u"this device is waiting for approval by another of its account"_s));
        return;
    }
    for (const UserId &user : users)
        m_directory.invalidate(user);
    m_directory.ensureFresh(users, std::move(done));
}

bool EventProcessor::mayWaitForKey(const DeviceAddress &sender) {
    return !(m_directory.hasVerifiedList(sender.user) && !m_directory.trustedDevice(sender));
}

QString EventProcessor::reason(const PageDecryptor::Result &result) {
    if (result.outcome == PageDecryptor::Outcome::NoSession ||
        result.outcome == PageDecryptor::Outcome::Ok) // refused by apply(): see there
        return u"sender device is not on its account's signed list"_s;
    return result.reason;
}

void EventProcessor::retryPending(const crypto::SessionId &sessionId) {
    store::EventStore &events = m_context.store.events();
    auto pending = events.pending(sessionId, 1000);
    if (!pending || pending->isEmpty())
        return;
    QSet<quint64> changed;
    QList<TimelineChange> changes;
    // why: one commit for the whole batch (resolutions and advanced sessions), not per event.
    auto retried = m_context.store.transaction([&]() -> store::StoreStatus {
        QList<PageDecryptor::Message> messages;
        messages.reserve(pending->size());
        for (const store::UndecryptedEvent &event : std::as_const(*pending))
            messages.append({event.conversation, event.sender, event.ciphertext, event.cmid});
        PageDecryptor page(m_context.store.sessions());
        const QList<PageDecryptor::Result> results = page.decryptAll(messages);
        store::ReplayStore replaysSeen(m_context.store.database());
        for (qsizetype i = 0; i < results.size(); ++i) {
            const store::UndecryptedEvent &event = pending->at(i);
            const PageDecryptor::Result &result = results[i];
            if (result.outcome == PageDecryptor::Outcome::NoSession)
                continue;
            bool resolved = result.outcome == PageDecryptor::Outcome::Ok;
            if (resolved) {
                auto fresh =
                    replaysSeen.recordGroupMessage(event.conversation, event.sender.device,
                                                   *result.sessionId, result.index, event.seq);
                if (!fresh)
                    return fresh.error();
                // why: a replay held back while its key was missing stays undecryptable rather
                // than showing the same message twice.
                resolved = *fresh;
            }
            if (resolved) {
                store::IncomingEvent shown;
                shown.conversation = event.conversation;
                shown.seq = event.seq;
                shown.sender = event.sender;
                if (auto checked = checkMembershipHead(shown, result.content); !checked)
                    return checked;
                if (auto done = events.resolve(event.conversation, event.seq, result.content);
                    !done)
                    continue;
            } else if (auto failed = events.markFailed(event.conversation, event.seq); !failed) {
                continue;
            }
            changed.insert(event.conversation.value);
            // why: a relation decrypted late changes its target, not a row of its own.
            if (auto relation =
                    resolved ? relationChange(event.conversation, result.content) : std::nullopt)
                changes.append(*relation);
            else
                changes.append(TimelineChange{event.conversation.value,
                                              TimelineChange::Kind::Decrypted,
                                              0,
                                              0,
                                              {event.seq},
                                              {},
                                              std::nullopt,
                                              {}});
        }
        return page.flush();
    });
    if (!retried) {
        m_forked.clear();
        return;
    }
    reportForks();
    for (const TimelineChange &change : std::as_const(changes))
        Q_EMIT timelineChanged(change);
    for (const quint64 conversation : changed)
        Q_EMIT eventsChanged(conversation);
}

EngineResult<store::MessageContent> EventProcessor::decryptBody(ConversationId conversation,
                                                                const DeviceAddress &sender,
                                                                const ClientMessageId &cmid,
                                                                const QByteArray &body) {
    PageDecryptor page(m_context.store.sessions());
    const QList<PageDecryptor::Result> results =
        page.decryptAll({{conversation, sender, body, cmid}});
    const PageDecryptor::Result &result = results.constFirst();
    switch (result.outcome) {
    case PageDecryptor::Outcome::Ok:
        if (!mayWaitForKey(sender))
            return engineError(EngineErrorCode::Crypto, reason(result));
        if (auto saved = page.flush(); !saved)
            return storeError(saved.error());
        return result.content;
    case PageDecryptor::Outcome::Rejected:
    case PageDecryptor::Outcome::Legacy:
        return engineError(EngineErrorCode::Crypto, result.reason);
    case PageDecryptor::Outcome::NoSession:
        if (!mayWaitForKey(sender))
            return engineError(EngineErrorCode::Crypto, reason(result));
        break;
    case PageDecryptor::Outcome::TooOld:
    case PageDecryptor::Outcome::Broken:
        break;
    }
    return engineError(EngineErrorCode::Crypto, u"no session key for this message"_s);
}

} // namespace hearth::engine
