// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/read_state.h"

#include "sync/engine/engine_error.h"
#include "sync/engine/relay_link.h"
#include "sync/protocol/messages.h"

namespace hearth::engine {

using namespace Qt::Literals::StringLiterals;

ReadState::ReadState(EngineContext &context, store::ReadMarkerStore &markers, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_markers(markers) {}

store::StoreResult<quint64> ReadState::mergeOwn(ConversationId conversation, quint64 seq) {
    auto before = m_markers.readMarker(conversation);
    auto merged = m_markers.setReadMarker(conversation, seq, EngineContext::now());
    if (merged && (!before || *before != *merged))
        Q_EMIT readMarkerChanged(conversation.value, *merged);
    return merged;
}

std::optional<EngineError> ReadState::markRead(ConversationId conversation, quint64 seq) {
    if (auto merged = mergeOwn(conversation, seq); !merged)
        return storeError(merged.error());
    publish(conversation);
    return std::nullopt;
}

void ReadState::applyOwnMarker(ConversationId conversation, quint64 seq) {
    if (seq == 0)
        return;
    // why: the relay already has this value; don't echo it back.
    if (mergeOwn(conversation, seq))
        (void)m_markers.setPublishedMarker(conversation, seq);
}

void ReadState::applyReceipt(ConversationId conversation, const UserId &user, quint64 seq) {
    auto merged = m_markers.setReceipt(conversation, user, seq, EngineContext::now());
    if (merged)
        Q_EMIT receiptChanged(conversation.value, user.name, *merged);
}

void ReadState::onReadPush(const protocol::Frame &frame) {
    const auto push = protocol::decode<protocol::ReadPush>(frame.map());
    if (push.user == m_context.identity.user)
        applyOwnMarker(push.conv, push.seq);
    else
        applyReceipt(push.conv, push.user, push.seq);
}

void ReadState::publishAll() {
    auto conversations = m_context.store.conversations().conversations();
    if (!conversations)
        return;
    for (const store::Conversation &conversation : *conversations) {
        if (!conversation.leftSeq)
            publish(conversation.id);
    }
}

void ReadState::publish(ConversationId conversation) {
    if (m_context.connection.state() != ConnectionState::Online)
        return;
    auto marker = m_markers.readMarker(conversation);
    auto published = m_markers.publishedMarker(conversation);
    if (!marker || !published || *marker <= *published)
        return;
    m_context.connection.send(protocol::ReadRequest{conversation, *marker, receiptsEnabled()},
                              [this, conversation, marker = *marker](const auto &reply) {
                                  if (!reply)
                                      return; // published again on the next connect
                                  (void)m_markers.setPublishedMarker(conversation, marker);
                                  applyOwnMarker(conversation, reply.value().seq);
                              });
}

bool ReadState::receiptsEnabled() {
    auto value = m_context.store.account().setting(QString::fromLatin1(kReceiptsSetting));
    return !value || !*value || **value != "0";
}

std::optional<EngineError> ReadState::setReceiptsEnabled(bool enabled) {
    auto stored = m_context.store.account().setSetting(QString::fromLatin1(kReceiptsSetting),
                                                       enabled ? "1" : "0");
    if (!stored)
        return storeError(stored.error());
    return std::nullopt;
}

} // namespace hearth::engine
