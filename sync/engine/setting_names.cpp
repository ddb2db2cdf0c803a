// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/engine/setting_names.h"

using namespace Qt::StringLiterals;

namespace hearth::engine {

QString notificationLevelName(store::NotificationLevel level) {
    switch (level) {
    case store::NotificationLevel::All:
        return u"all"_s;
    case store::NotificationLevel::Mentions:
        return u"mentions"_s;
    case store::NotificationLevel::None:
        return u"none"_s;
    }
    return u"all"_s;
}

std::optional<store::NotificationLevel> notificationLevelFrom(const QString &name) {
    for (auto level : {store::NotificationLevel::All, store::NotificationLevel::Mentions,
                       store::NotificationLevel::None}) {
        if (notificationLevelName(level) == name)
            return level;
    }
    return std::nullopt;
}

} // namespace hearth::engine
