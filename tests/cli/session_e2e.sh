#!/usr/bin/env bash
# Bookmarks and the session in the real viewer with the bundled data, under Xvfb with xdotool. The session file is
# OUTDIR/config/session.toml (--session), never the user's.
#   1. search "Astara", Ctrl+B, name it "Caspian port", Enter; zoom out twice; Ctrl+Q
#                                                      -> OUTDIR/sess-run1.png, OUTDIR/sess-after-run1.toml
#   2. start again: the view and the bookmark are back -> OUTDIR/sess-run2.png; Home, then the key 1 flies to the
#      bookmark; Ctrl+Q                                -> OUTDIR/sess-recall.png, OUTDIR/sess-after-run2.toml
#   3. a corrupt session file: set aside, a fresh start, the message on stderr
#                                                      -> OUTDIR/sess-corrupt.png, OUTDIR/sess-stderr.txt
# Usage: session_e2e.sh CORRIDOR OUTDIR. Exits non-zero when a step fails; the caller checks what came out.
set -euo pipefail
corridor="$1" out="$2"
lib="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/e2e_lib.sh"
shot="$out/sess-shot.png"
width=1024 height=640
config="$out/config"
rm -rf "$config" "$out"/sess-*
mkdir -p "$config"
cd "$out"

. "$lib"

start() {
    "$corridor" --window-size "${width}x${height}" --session "$config/session.toml" --screenshot "$shot" --frames 0 \
        2>>"$out/sess-stderr.txt" &
    pid=$!
    trap 'kill "$pid" 2>/dev/null || true' EXIT
    window=$(corridor_window)
    xdotool mousemove --window "$window" $((width / 2)) $((height / 2)) # X focus follows the pointer
    sleep 0.3
}

# 1. A view, a bookmark of it, another view; quit.
start
xdotool key ctrl+f
rest
xdotool type --delay 40 "Astara"
sleep 0.5
xdotool key Return
rest
xdotool key ctrl+b
rest # the Bookmarks panel opens with the name box, which has the keyboard and its default name selected
xdotool type --delay 40 "Caspian port"
xdotool key Return
rest
xdotool key minus
sleep 0.3
xdotool key minus
rest
snap sess-run1
quit_with_keys
cp "$config/session.toml" "$out/sess-after-run1.toml"

# 2. Start again: the same view, the bookmark listed; Home, then 1 flies back to the bookmark.
start
rest
snap sess-run2
xdotool key Home
rest
xdotool key 1
rest
snap sess-recall
quit_with_keys
cp "$config/session.toml" "$out/sess-after-run2.toml"

# 3. A corrupt file is set aside and the viewer starts fresh, saying so.
printf 'version = 1\n[view\nlon = 3\n' >"$config/session.toml"
: >"$out/sess-stderr.txt"
start
rest
snap sess-corrupt
quit_with_keys
ls "$config" >"$out/sess-config-files.txt"
