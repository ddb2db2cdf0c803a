// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: the two keyed hashes of the group ratchet on raw buffers (kChainKeySize bytes), for
// hot paths that keep keys in wiped stack buffers. ChainKey is the API.

namespace hearth::crypto::details {

//! chain = BLAKE2b-256(key = chain, "hearth-ck"), in place.
void ratchetStep(unsigned char *chain);
//! out = BLAKE2b-256(key = chain, "hearth-mk").
void ratchetMessageKey(const unsigned char *chain, unsigned char *out);

} // namespace hearth::crypto::details
