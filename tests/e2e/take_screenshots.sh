#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Takes the documented screenshots (docs/screenshots/) from the real app: a private relay on a
# free port, the demo community (hearth-demo-seed), an Xvfb display, and the app driven with
# xdotool; pictures are saved by the app itself (HEARTH_SNAPSHOT_DIR, app/window_snapshot.h).
#   tests/e2e/take_screenshots.sh [BUILD_DIR (build/dev)] [OUT_DIR (docs/screenshots)]
# Needs: the targets hearth, hearth-relay, hearth-demo-seed built in BUILD_DIR; Xvfb, xdotool.
# Everything else (profiles, settings, relay data) lives in a temporary directory.
#
# Shots: main-light.png / main-dark.png (the demo community as sam, the busy group "Garden club"
# at its newest messages), garden-club.png (the same group scrolled up to replies, reactions,
# a link, a code block), first-run.png (the setup page) and offline.png (relay gone: the
# banner and a pending message).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$(cd "${1:-$here/build/dev}" && pwd)"
out="${2:-$here/docs/screenshots}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

work="$(mktemp -d)"
xvfb_pid="" relay_pid="" app_pid=""
cleanup() {
    local pid
    for pid in "$app_pid" "$relay_pid" "$xvfb_pid"; do
        [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    done
    rm -rf "$work"
}
trap cleanup EXIT

export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" XDG_RUNTIME_DIR="$work/run"
export HEARTH_SNAPSHOT_DIR="$work/snap" QT_QPA_PLATFORM=xcb
# why: avatar colours come from qHash, which Qt seeds per process; one seed keeps them the same
# in every picture.
export QT_HASH_SEED=0
unset WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS # why: never the developer's session or keychain
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME/Hearth" "$HEARTH_SNAPSHOT_DIR"
mkdir -m 700 "$XDG_RUNTIME_DIR"

n=$((90 + $$ % 100))
while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
export DISPLAY=":$n"
Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 300); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done

"$build/relay/hearth-relay" --port 0 --http-port 0 --data-dir "$work/relay" >"$work/relay.log" 2>&1 &
relay_pid=$!
url=""
for _ in $(seq 300); do
    url="$(sed -n 's/^hearth-relay listening ws=\([^ ]*\).*/\1/p' "$work/relay.log")"
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { echo "relay did not start" >&2; cat "$work/relay.log" >&2; exit 1; }
"$build/app/demo/hearth-demo-seed" --relay "$url" >"$work/seed.log" 2>&1

# request LINE [FILE]: hands LINE to the app, then waits (60 s at most) for FILE.
request() {
    for _ in $(seq 600); do [ -e "$HEARTH_SNAPSHOT_DIR/request" ] || break; sleep 0.1; done
    echo "$1" >>"$HEARTH_SNAPSHOT_DIR/request"
    [ -n "${2:-}" ] || return 0
    for _ in $(seq 600); do [ -e "$2" ] && return 0; sleep 0.1; done
    echo "the app did not answer '$1'" >&2
    return 1
}
# wait_text TEXT: waits (90 s at most) until the window shows TEXT.
dumps=0
wait_text() {
    for _ in $(seq 90); do
        dumps=$((dumps + 1))
        rm -f "$HEARTH_SNAPSHOT_DIR/d$dumps.txt"
        request "texts:d$dumps" "$HEARTH_SNAPSHOT_DIR/d$dumps.txt"
        grep -qF -- "$1" "$HEARTH_SNAPSHOT_DIR/d$dumps.txt" && return 0
        sleep 1
    done
    echo "the app never showed '$1'" >&2
    return 1
}
shot() {
    sleep 1.5 # let animations and late pages settle: these are pictures, not assertions
    rm -f "$HEARTH_SNAPSHOT_DIR/$1.png"
    request "$1" "$HEARTH_SNAPSHOT_DIR/$1.png"
    cp "$HEARTH_SNAPSHOT_DIR/$1.png" "$out/$1.png"
    echo "$out/$1.png"
}
# start_app THEME ARGS...: the app with appearance/theme=THEME (other settings are kept).
start_app() {
    local theme="$1" conf="$XDG_CONFIG_HOME/Hearth/hearth.conf"
    shift
    if grep -q '^theme=' "$conf" 2>/dev/null; then
        sed -i "s/^theme=.*/theme=$theme/" "$conf"
    else
        printf '[appearance]\ntheme=%s\n' "$theme" >>"$conf"
    fi
    "$build/app/hearth" --relay "$url" "$@" >>"$work/app.log" 2>&1 &
    app_pid=$!
}
stop_app() {
    request quit
    wait "$app_pid" || true
    app_pid=""
}
window() {
    for _ in $(seq 300); do
        xdotool search --onlyvisible --name Hearth 2>/dev/null | head -1 && return 0
        sleep 0.1
    done
    return 1
}
open_conversation() { # Ctrl+K, part of the title, Return
    xdotool key ctrl+k
    wait_text "Jump to a conversation"
    xdotool type --delay 20 "$1"
    xdotool key Return
    wait_text "Message $1"
}
park_pointer() { # over the sidebar's empty bottom: no hover toolbar in the picture
    xdotool mousemove --window "$1" 150 740
}
# scroll_until WINDOW TEXT: wheel up over the timeline until TEXT is on screen.
scroll_until() {
    local _
    xdotool mousemove --window "$1" 600 400
    for _ in $(seq 100); do
        dumps=$((dumps + 1))
        request "texts:d$dumps" "$HEARTH_SNAPSHOT_DIR/d$dumps.txt"
        if grep -qF -- "$2" "$HEARTH_SNAPSHOT_DIR/d$dumps.txt"; then
            xdotool click 4 # its first line may still be under the header
            return 0
        fi
        xdotool click 4 click 4
        sleep 0.3
    done
    echo "never scrolled to '$2'" >&2
    return 1
}
composer_click() { # the composer sits at the bottom of the middle column
    local w="$1" width height
    eval "$(xdotool getwindowgeometry --shell "$w" | grep -E '^(WIDTH|HEIGHT)=')"
    xdotool mousemove --window "$w" $((WIDTH / 2)) $((HEIGHT - 38)) click 1
}

# First run.
start_app light --profile "$work/fresh"
wait_text "Welcome to Hearth"
shot first-run
stop_app

# The demo community as sam, light: the busy group at its end (grouping, reactions), then
# scrolled up to replies, a link, a code block and inline code.
start_app light --demo
wait_text "Garden club"
w="$(window)"
xdotool windowfocus "$w" 2>/dev/null || true
open_conversation "Garden club"
park_pointer "$w"
shot main-light
scroll_until "$w" "For anyone curious"
park_pointer "$w"
shot garden-club
stop_app

# Dark (reopens the last conversation: Garden club).
start_app dark --demo
wait_text "Message Garden club"
w="$(window)"
park_pointer "$w"
shot main-dark
stop_app

# Offline: the relay goes away, sam writes anyway.
start_app light --demo
wait_text "Message Garden club"
w="$(window)"
xdotool windowfocus "$w" 2>/dev/null || true
kill "$relay_pid"
wait "$relay_pid" 2>/dev/null || true
relay_pid=""
wait_text "You're offline"
composer_click "$w"
xdotool type --delay 20 "Leaving the shed key under the blue pot, back online later"
xdotool key Return
wait_text "Leaving the shed key"
park_pointer "$w"
shot offline
stop_app
