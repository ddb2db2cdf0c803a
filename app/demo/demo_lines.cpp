// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/demo/demo_lines.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <algorithm>

namespace hearth::demo {

using namespace Qt::Literals::StringLiterals;

namespace {

QStringList gardenChatter(const QString &member) {
    static const QHash<QString, QStringList> lines = {
        {u"alice"_s,
         {u"Just watered the communal beds, they were *gasping* 💧"_s,
          u"Reminder: tool shed key is back under the blue pot 🔑"_s,
          u"The sweet peas by the gate smell amazing today 🌸"_s,
          u"Who left the lovely jar of honey in the shed? Thank you!! 🍯"_s,
          u"Slugs got two of my lettuces overnight 😤"_s,
          u"Tea and biscuits in the shed at 4 if anyone's around ☕"_s}},
        {u"bob"_s,
         {u"Tomato count: 14 ripe. Not that anyone asked."_s,
          u"Rain forecast for tonight. Leaving the hose alone."_s,
          u"Found a hornworm the size of my thumb. It has been rehomed. Far away."_s,
          u"The courgettes are winning again."_s,
          u"Pinched out the side shoots. The plants are sulking."_s,
          u"Anyone want rhubarb? I have more than is reasonable."_s}},
        {u"carol"_s,
         {u"Spotted a hedgehog under the compost bays 🦔 please check before forking it over"_s,
          u"The _Calendula officinalis_ has self-seeded everywhere. I'm not complaining."_s,
          u"Ladybird larvae on the broad beans: leave them be, they're eating the aphids"_s,
          u"Soil temperature is up to 14 °C, good time to sow the second batch of beans"_s,
          u"Bees all over the _Phacelia_ this morning. Worth growing just for that."_s}},
        {u"dave"_s,
         {u"Sensor in bed 3 says moisture is at 18%, someone might want to water it"_s,
          u"Pushed a fix to the dashboard, the graphs load faster now"_s,
          u"Battery on the shed sensor died again. Ordering a bigger one 🔋"_s,
          u"Overnight low was 6 °C according to the station, no frost risk yet"_s,
          u"If the dashboard looks weird, hard refresh. I changed the `css`."_s}},
        {u"erin"_s,
         {u"my first beetroot!!! it's tiny but it's MINE"_s,
          u"anyone know why my basil keeps going black at the tips?"_s,
          u"omg there's a frog in the water butt 🐸"_s,
          u"picked strawberries, ate most of them on the way home oops"_s,
          u"coming down after my lecture, need anything from the shop?"_s}},
    };
    return lines.value(member);
}

QStringList hikeChatter(const QString &member) {
    static const QHash<QString, QStringList> lines = {
        {u"bob"_s,
         {u"My knees vote for the flat route this week."_s,
          u"I'll bring the flask. Tea, not the other thing."_s}},
        {u"carol"_s,
         {u"Forecast looks dry for Saturday, 9:00 at the station as usual?"_s,
          u"Orchids should be out on the chalk slope by now, worth a detour"_s,
          u"Boots with grip please, the lower path is still muddy"_s}},
        {u"erin"_s,
         {u"can we do the one with the café at the end again 🥐"_s,
          u"I've got a new water bottle and I'm unreasonably excited"_s}},
    };
    return lines.value(member);
}

bool matches(const QString &text, const QString &pattern) {
    return QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption)
        .match(text)
        .hasMatch();
}

} // namespace

QString DemoLines::chatter(const QString &member, const QString &group) {
    const bool hikes = group.contains(u"hike"_s, Qt::CaseInsensitive);
    QStringList pool = hikes ? hikeChatter(member) : gardenChatter(member);
    if (pool.isEmpty())
        pool = gardenChatter(member);
    if (pool.isEmpty())
        return {};
    return draw(member + u'/' + (hikes ? u"hikes"_s : u"garden"_s), pool);
}

QString DemoLines::dmReply(const QString &member, const QString &message) {
    if (matches(message, uR"(\b(thanks|thank you|cheers|thx)\b)"_s))
        return draw(member + u"/thanks"_s, {u"Any time 😊"_s, u"No problem at all!"_s,
                                            u"Happy to help"_s, u"Of course!"_s});
    if (message.contains(u'?'))
        return draw(member + u"/question"_s,
                    {u"Good question. Let me check and get back to you"_s,
                     u"I think so, yes! Ask me again on Saturday if I forget"_s,
                     u"Hmm, not sure. I'll ask around at the shed"_s,
                     u"Probably! Worth a try anyway"_s});
    if (matches(message, uR"(^\s*(hi|hey|hello|morning|evening|yo)\b)"_s))
        return draw(member + u"/hello"_s,
                    {u"Hey sam! 👋"_s, u"Hi! How's the plot looking?"_s,
                     u"Hello hello. What's up?"_s, u"Hey! Good to hear from you"_s});
    static const QHash<QString, QStringList> generic = {
        {u"alice"_s,
         {u"Lovely! 😊"_s, u"Ha, yes. See you at the shed?"_s,
          u"Noted! I'll add it to the list for the next meeting 📋"_s}},
        {u"bob"_s, {u"Fair enough."_s, u"Ha. Quite."_s, u"I'll believe it when I see it."_s}},
        {u"carol"_s,
         {u"Interesting, tell me more"_s, u"Makes sense to me"_s, u"Good, let's do that"_s}},
        {u"dave"_s,
         {u"Nice 👍"_s, u"Ok, I'll have a look tonight"_s, u"Makes sense, want me to log it?"_s}},
        {u"erin"_s, {u"haha yes!!"_s, u"omg same"_s, u"ooh nice, tell me everything"_s}},
    };
    QStringList pool = generic.value(member);
    if (pool.isEmpty())
        pool = {u"👍"_s};
    return draw(member + u"/generic"_s, pool);
}

QString DemoLines::reaction(const QString &member) {
    static const QStringList emoji = {u"👍"_s, u"❤️"_s, u"😂"_s, u"🎉"_s, u"🌱"_s};
    const int pick = QRandomGenerator::global()->bounded(int(emoji.size()));
    return member == u"erin"_s ? u"😍"_s : emoji.at(pick);
}

QString DemoLines::draw(const QString &key, const QStringList &pool) {
    QStringList &bag = m_bags[key];
    if (bag.isEmpty()) {
        bag = pool;
        std::shuffle(bag.begin(), bag.end(), *QRandomGenerator::global());
    }
    return bag.takeLast();
}

} // namespace hearth::demo
