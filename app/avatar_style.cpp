// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/avatar_style.h"

#include <QRegularExpression>
#include <QStringList>
#include <array>

using namespace Qt::StringLiterals;

namespace hearth::app {

QString initialsOf(const QString &name) {
    const QStringList words = name.split(QRegularExpression(u"[\\s._-]+"_s), Qt::SkipEmptyParts);
    if (words.isEmpty())
        return u"?"_s;
    if (words.size() == 1)
        return words.first().left(2).toUpper();
    return (words.at(0).left(1) + words.at(1).left(1)).toUpper();
}

QColor avatarColorOf(const QString &name) {
    // why: mid-dark hues, each with at least 4.5:1 contrast against white text.
    static constexpr std::array<QRgb, 10> kPalette = {
        0xffc2410c, 0xffb45309, 0xff4d7c0f, 0xff047857, 0xff0e7490,
        0xff1d4ed8, 0xff6d28d9, 0xffa21caf, 0xffbe123c, 0xff475569};
    // why: FNV-1a, not qHash: Qt 6 mixes a per-process seed into qHash, and a member's colour
    // must stay the same from one start to the next.
    quint32 hash = 2166136261u;
    for (const QChar c : name) {
        hash ^= c.unicode();
        hash *= 16777619u;
    }
    return QColor::fromRgba(kPalette[hash % kPalette.size()]);
}

} // namespace hearth::app
