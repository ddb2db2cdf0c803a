#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the fuzz seed corpus (corpus/<kind>_<type>.cbor) and the libFuzzer dictionary.

Run from anywhere: python3 tests/fuzz/make_corpus.py. tst_schema checks every seed decodes
and validates, so a schema change that breaks a seed fails a test rather than going stale.
"""
import pathlib
import struct

HERE = pathlib.Path(__file__).resolve().parent


def head(major, n):
    if n < 24:
        return bytes([major << 5 | n])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if n < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, n)
    raise ValueError(n)


def cbor(v):
    """Minimal CBOR encoder (RFC 8949) for the types frames use."""
    if v is True:
        return b"\xf5"
    if v is False:
        return b"\xf4"
    if isinstance(v, int):
        return head(0, v) if v >= 0 else head(1, -1 - v)
    if isinstance(v, bytes):
        return head(2, len(v)) + v
    if isinstance(v, str):
        b = v.encode()
        return head(3, len(b)) + b
    if isinstance(v, list):
        return head(4, len(v)) + b"".join(cbor(x) for x in v)
    if isinstance(v, dict):
        return head(5, len(v)) + b"".join(cbor(k) + cbor(x) for k, x in v.items())
    raise TypeError(v)


def text16(s):
    b = s.encode()
    return struct.pack(">H", len(b)) + b


def membership_op(action, previous=bytes(32), body=b""):
    """A membership change in crypto::MembershipOp's layout (docs/crypto.md), signature zeroed:
    the frame schema sees bytes of a plausible size; only clients and the relay verify."""
    return (b"hearth-membership-v1\0" + bytes(range(0x40, 0x50)) + previous
            + bytes([action]) + text16("alice") + struct.pack(">QQ", 1, 1700000000000)
            + body + bytes(64))


CREATE_OP = membership_op(1, body=bytes([2]) + text16("Team") + struct.pack(">I", 2)
                          + text16("bob") + bytes([3]) + text16("carol") + bytes([3]))
LEAVE_OP = membership_op(4, previous=bytes(range(32)), body=text16("alice") + bytes([0]))

event = {"conv": 3, "seq": 12, "ts": 1700000000000, "sender": "alice", "device": 1,
         "kind": "message", "cmid": bytes(range(16)), "body": b"\x01ciphertext"}
membership = {"conv": 3, "seq": 1, "ts": 1700000000000, "sender": "alice", "device": 1,
              "kind": "membership", "action": "create", "user": "alice", "role": "owner",
              "conv_kind": "group", "title": "Team", "op": CREATE_OP}
incoming = {"qid": 9, "from_user": "bob", "from_device": 2, "ts": 1700000000001,
            "body": b"\x02sealed"}

SEEDS = {
    "request_hello": {"t": "hello", "id": 1, "version": 1, "client": "hearth/0.1",
                      "caps": ["presence"]},
    "request_register": {"t": "register", "id": 2, "user": "alice",
                         "password": "correct horse", "invite": "ABCD-1234"},
    "request_auth": {"t": "auth", "id": 3, "user": "alice", "device": 1, "sig": bytes(64)},
    "request_send": {"t": "send", "id": 4, "conv": 3, "cmid": bytes(range(16)),
                     "body": b"\x01ciphertext"},
    "request_sync": {"t": "sync", "id": 5, "conv": 3, "after": 11, "limit": 100},
    "request_to_device": {"t": "to_device", "id": 6,
                          "messages": [{"user": "bob", "device": 2, "body": b"\x02sealed"}]},
    "request_ack_inbox": {"t": "ack_inbox", "id": 7, "qids": [9, 10]},
    "request_create_conv": {"t": "create_conv", "id": 8, "kind": "group", "title": "Team",
                            "members": ["bob", "carol"], "op": CREATE_OP},
    "request_leave": {"t": "leave", "id": 10, "conv": 3, "op": LEAVE_OP},
    "reply_hello": {"t": "ok", "id": 1, "version": 1, "relay": "hearth-relay/0.1",
                    "nonce": bytes(range(32)), "limits": {"max_frame_bytes": 1048576},
                    "caps": [], "registration": "open"},
    "reply_sync": {"t": "ok", "id": 5, "events": [membership, event], "more": False},
    "reply_inbox": {"t": "ok", "id": 9, "messages": [incoming], "more": True},
    "error_send": {"t": "error", "id": 4, "code": "rate_limited", "message": "slow down",
                   "retry_after_ms": 250},
    "push_event": {"t": "event", "event": event},
    "push_to_device": {"t": "to_device", "message": incoming},
    "push_typing": {"t": "typing", "conv": 3, "user": "bob", "active": True},
    "push_presence": {"t": "presence", "user": "bob", "status": "online",
                      "last_seen": 1700000000000},
}


def dictionary():
    """Every field and type name of the table, as the CBOR text strings they appear as."""
    words = set()
    for seed in SEEDS.values():
        stack = [seed]
        while stack:
            v = stack.pop()
            if isinstance(v, dict):
                words.update(v.keys())
                stack.extend(v.values())
            elif isinstance(v, list):
                stack.extend(v)
            elif isinstance(v, str):
                words.add(v)
    words.update(["devices", "convs", "members", "add_member", "remove_member", "leave",
                  "set_role", "inbox", "presence_query", "users", "presence", "add_device",
                  "sign_key", "dh_key", "name", "created", "last_seq", "joined_seq",
                  "left_seq", "queued", "removed", "duplicate", "seq", "ok", "error",
                  "stale_membership"])
    lines = []
    for w in sorted(words):
        escaped = "".join(f"\\x{b:02x}" for b in cbor(w))
        lines.append(f'"{escaped}"')
    return "\n".join(lines) + "\n"


def main():
    corpus = HERE / "corpus"
    corpus.mkdir(exist_ok=True)
    for name, frame in SEEDS.items():
        (corpus / f"{name}.cbor").write_bytes(cbor(frame))
    (HERE / "frame.dict").write_text("# libFuzzer dictionary, written by make_corpus.py\n"
                                     + dictionary())


if __name__ == "__main__":
    main()
