// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/demo/demo_cast.h"
#include "app/demo/demo_community.h"
#include "app/demo/demo_player.h"

#include <QUrl>
#include <variant>

namespace hearth::demo {

//! How a seed run should go.
struct SeedOptions final {
    QUrl relay;
    //! Messages of the busy group to play (0: its whole script, a few hundred).
    int historySize = 0;
};

enum class SeedOutcome {
    Seeded,        //!< the community was created (the cast plays every member, online)
    AlreadySeeded, //!< the relay and the profiles already hold it: nothing was sent
};

//! Seeds the demo community on a relay, idempotently. A community already seeded on this relay
//! (marker file, every profile present, the relay accepts them) is left alone; one whose
//! relay lost it, or whose seeding never finished, is wiped and seeded again from scratch.
class DemoSeeder final {
public:
    DemoSeeder(DemoCast &cast, SeedOptions options);

    //! The outcome, or why seeding failed.
    [[nodiscard]] std::variant<SeedOutcome, DemoFailure> run();

    //! `$XDG_DATA_HOME/hearth/demo/seeded.json`: written once a seed run finished.
    [[nodiscard]] static QString markerPath();
    //! True when the marker says this relay was seeded and every member's profile exists.
    [[nodiscard]] static bool looksSeeded(const QUrl &relay);

private:
    [[nodiscard]] std::optional<DemoFailure> seedFromScratch();
    [[nodiscard]] std::optional<DemoFailure> create(const DemoConversation &spec,
                                                    hearth::ConversationId &id);
    [[nodiscard]] std::optional<DemoFailure>
    markRead(const DemoConversation &spec, hearth::ConversationId id, const PlayedScript &played);
    [[nodiscard]] bool everyoneHas(const QStringList &members, hearth::ConversationId id,
                                   quint64 seq);

    DemoCast &m_cast;
    SeedOptions m_options;
};

} // namespace hearth::demo
