// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/transcript_html_writer.h"

#include "sync/engine/transcript_event_json.h"
#include "sync/engine/transcript_html_style.h"
#include "sync/protocol/names.h"

namespace hearth::engine {

using namespace Qt::Literals::StringLiterals;

namespace {

QString escaped(const QString &text) {
    return text.toHtmlEscaped();
}

QString isoUtc(qint64 ts) {
    return QDateTime::fromMSecsSinceEpoch(ts, QTimeZone::utc()).toString(Qt::ISODateWithMs);
}

QString kindTitle(const store::Conversation &conversation) {
    if (!conversation.kind)
        return u"Conversation"_s;
    switch (*conversation.kind) {
    case ConversationKind::Dm:
        return u"Direct message"_s;
    case ConversationKind::Group:
        return u"Group"_s;
    case ConversationKind::Channel:
        return u"Channel"_s;
    }
    return u"Conversation"_s;
}

QString markHtml(SignatureMark mark) {
    switch (mark) {
    case SignatureMark::Verified:
        return uR"(<span class="mark ok" title="Signature verified when received">✓</span>)"_s;
    case SignatureMark::ThisDevice:
        return uR"(<span class="mark ok" title="Sent from this device">✓</span>)"_s;
    case SignatureMark::Unverified:
        break;
    }
    return uR"(<span class="mark warn" title="Not decrypted: not verified">⚠</span>)"_s;
}

} // namespace

bool HtmlTranscriptWriter::put(const QString &html) {
    const QByteArray bytes = html.toUtf8();
    return m_out.write(bytes) == bytes.size();
}

QDateTime HtmlTranscriptWriter::local(qint64 ts) const {
    return QDateTime::fromMSecsSinceEpoch(ts, m_header.timeZone);
}

QString HtmlTranscriptWriter::timeHtml(qint64 ts) const {
    const QString iso = isoUtc(ts);
    return uR"(<time datetime="%1" title="%1">%2</time>)"_s.arg(
        iso, m_locale.toString(local(ts).time(), u"HH:mm"_s));
}

bool HtmlTranscriptWriter::begin(const TranscriptHeader &header) {
    m_header = header;
    m_day = {};
    m_messages = 0;
    const QString title = escaped(header.conversation.title.isEmpty()
                                      ? u"Conversation %1"_s.arg(header.conversation.id.value)
                                      : header.conversation.title);
    const auto date = [this](qint64 ts) {
        return m_locale.toString(local(ts).date(), u"d MMMM yyyy"_s);
    };
    QString range = u"All messages"_s;
    if (header.range.fromTs && header.range.toTs)
        range = u"From %1 to %2"_s.arg(date(*header.range.fromTs), date(*header.range.toTs));
    else if (header.range.fromTs)
        range = u"From %1"_s.arg(date(*header.range.fromTs));
    else if (header.range.toTs)
        range = u"Until %1"_s.arg(date(*header.range.toTs));
    const QDateTime exported = local(header.exportedTs);
    return put(u"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
               "<meta name=\"color-scheme\" content=\"light dark\">\n"
               "<meta name=\"generator\" content=\"Hearth\">\n"
               "<title>%1 · Hearth transcript</title>\n<style>%2</style>\n</head>\n<body>\n"
               "<header>\n<h1>%1</h1>\n"
               "<p class=\"meta\">%3 · %4 · exported by %5 on "
               "<time datetime=\"%6\">%7</time></p>\n"
               "<p class=\"legend\"><span class=\"mark ok\">✓</span> signature verified "
               "<span class=\"mark warn\">⚠</span> not decrypted</p>\n"
               "</header>\n<main>\n"_s.arg(
                   title, QString::fromLatin1(kTranscriptCss), kindTitle(header.conversation),
                   range, escaped(header.thisDevice.user.name), isoUtc(header.exportedTs),
                   m_locale.toString(exported, u"d MMMM yyyy, HH:mm"_s)));
}

QString HtmlTranscriptWriter::messageHtml(const store::TimelineEvent &event) const {
    const SignatureMark mark = signatureMark(event, m_header.thisDevice);
    QString classes = u"msg"_s;
    QString body;
    if (event.deleted) {
        classes += u" deleted"_s;
        body = uR"(<p class="note">Message deleted</p>)"_s;
    } else if (event.decryption != store::DecryptionState::Ok) {
        classes += u" undecrypted"_s;
        body = event.decryption == store::DecryptionState::Pending
                   ? uR"(<p class="note">Not decrypted: waiting for its key</p>)"_s
                   : uR"(<p class="note">Not decrypted: it cannot be decrypted</p>)"_s;
    } else {
        // why: <br> as well as pre-wrap, so readers that drop the style sheet keep the lines.
        body = uR"(<p class="text">%1</p>)"_s.arg(escaped(event.text).replace(u'\n', u"<br>"_s));
    }
    QString head = uR"(<span class="sender">%1</span> %2)"_s.arg(escaped(event.sender.user.name),
                                                                 timeHtml(event.ts));
    if (event.editedTs && !event.deleted)
        head +=
            uR"( <span class="edited" title="%1">(edited)</span>)"_s.arg(isoUtc(*event.editedTs));
    head += u' ' + markHtml(mark);
    QString reactions;
    for (const store::ReactionGroup &group : event.reactions) {
        QStringList users;
        for (const UserId &user : group.users)
            users.append(escaped(user.name));
        reactions += uR"(<li>%1 <span class="who">%2</span></li>)"_s.arg(escaped(group.emoji),
                                                                         users.join(u", "_s));
    }
    if (!reactions.isEmpty())
        reactions = uR"(<ul class="reactions">%1</ul>)"_s.arg(reactions);
    return uR"(<article class="%1" id="e%2"><div class="head">%3</div>%4%5</article>)"_s.arg(
               classes, QString::number(event.seq), head, body, reactions) +
           u'\n';
}

QString HtmlTranscriptWriter::membershipHtml(const store::TimelineEvent &event) const {
    const store::MembershipChange &change = *event.membership;
    const QString actor = escaped(event.sender.user.name);
    const QString user = escaped(change.user.name);
    QString line;
    switch (change.action) {
    case MembershipAction::Create:
        line = u"%1 created the conversation"_s.arg(user);
        break;
    case MembershipAction::Add:
        line = actor == user ? u"%1 joined"_s.arg(user) : u"%1 added %2"_s.arg(actor, user);
        break;
    case MembershipAction::Remove:
        line = change.trust == store::MemberTrust::ByRelay
                   ? u"%1 was removed by the relay"_s.arg(user)
                   : u"%1 removed %2"_s.arg(actor, user);
        break;
    case MembershipAction::Leave:
        line = u"%1 left"_s.arg(user);
        break;
    case MembershipAction::Role:
        line = u"%1 made %2 %3"_s.arg(
            actor, user, change.role ? QString(protocol::roleName(*change.role)) : u"?"_s);
        break;
    }
    QString classes = u"member"_s;
    if (change.trust == store::MemberTrust::Refused) {
        classes += u" refused"_s;
        line += u" <span class=\"mark warn\" title=\"Did not verify: not applied\">⚠ not "
                "verified, not applied</span>"_s;
    }
    return uR"(<p class="%1" id="e%2">%3 %4</p>)"_s.arg(classes, QString::number(event.seq),
                                                        timeHtml(event.ts), line) +
           u'\n';
}

bool HtmlTranscriptWriter::write(const store::TimelineEvent &event) {
    QString html;
    const QDate day = local(event.ts).date();
    if (day != m_day) {
        m_day = day;
        html += uR"(<h2 class="day"><time datetime="%1">%2</time></h2>)"_s.arg(
                    day.toString(Qt::ISODate), m_locale.toString(day, u"dddd d MMMM yyyy"_s)) +
                u'\n';
    }
    if (event.membership) {
        html += membershipHtml(event);
    } else {
        ++m_messages;
        html += messageHtml(event);
    }
    return put(html);
}

bool HtmlTranscriptWriter::finish() {
    return put(u"</main>\n<footer>%1 · exported from Hearth. Attachments are not part of this "
               "transcript.</footer>\n</body>\n</html>\n"_s.arg(
                   m_messages == 1 ? u"1 message"_s : u"%1 messages"_s.arg(m_messages)));
}

} // namespace hearth::engine
