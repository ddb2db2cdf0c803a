// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/store/store.h"

namespace hearth::store {

Store::Store(Database db)
    : m_db(std::move(db)) {}

} // namespace hearth::store
