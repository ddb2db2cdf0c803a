// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/demo/demo_community.h"

namespace hearth::demo {

using namespace Qt::Literals::StringLiterals;
using hearth::ConversationKind;

QList<DemoConversation> demoConversations() {
    const QStringList everyone = {u"sam"_s, u"bob"_s, u"carol"_s, u"dave"_s, u"erin"_s};
    return {
        {u"garden_club"_s, ConversationKind::Group, u"Garden club"_s, u"alice"_s, everyone, 7,
         true},
        {u"saturday_hikes"_s,
         ConversationKind::Group,
         u"Saturday hikes"_s,
         u"carol"_s,
         {u"sam"_s, u"bob"_s, u"erin"_s},
         0,
         false},
        {u"announcements"_s, ConversationKind::Channel, u"Announcements"_s, u"alice"_s, everyone, 1,
         false},
        {u"dm_alice"_s, ConversationKind::Dm, {}, u"alice"_s, {u"sam"_s}, 2, false},
        {u"dm_dave"_s, ConversationKind::Dm, {}, u"dave"_s, {u"sam"_s}, 0, false},
        {u"dm_erin"_s, ConversationKind::Dm, {}, u"erin"_s, {u"sam"_s}, 1, false},
    };
}

QString demoCast() {
    return uR"(The demo community:
  sam    you: joined the garden club this spring, still learning
  alice  runs the garden club and its announcements; warm, organised, emoji
  bob    retired engineer, tomato obsessive, dry one-liners
  carol  botanist; precise, Latin names in italics, leads the Saturday hikes
  dave   developer; wrote the soil sensor script, posts code and links
  erin   student, first allotment, enthusiastic!!)"_s;
}

} // namespace hearth::demo
