// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: the DDL of each schema version, applied by migrations.cpp.

namespace hearth::store::details {

extern const char *const kSchemaV1;
extern const char *const kSchemaV2;
extern const char *const kSchemaV3;
extern const char *const kSchemaV4;
extern const char *const kSchemaV5;
extern const char *const kSchemaV6;
extern const char *const kSchemaV7;

} // namespace hearth::store::details
