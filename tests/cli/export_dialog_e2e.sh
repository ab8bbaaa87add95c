#!/usr/bin/env bash
# Drives the real viewer's Export dialog with the bundled data under Xvfb with xdotool, by its keyboard path (the
# title field has the keyboard when the dialog opens; Tab: subtitle, file; PageDown/PageUp: size preset; Enter:
# export; Escape: close, or cancel a running export; Y/N: replace or keep an existing file):
#   1. Ctrl+E, PageDown (Full HD 1920×1080), a title, the file, Enter: the file is written -> OUTDIR/export-first.png
#      (a copy; the dialog as it opened -> OUTDIR/export-dialog.png)
#   2. Escape, Ctrl+E, another title, the same file, Enter: the dialog asks (-> OUTDIR/export-ask.png); N keeps the
#      file (copy -> OUTDIR/export-kept.png); Enter, Y replaces it (copy -> OUTDIR/export-replaced.png)
#   3. Escape, Ctrl+E, PageDown twice (8K 7680×4320), another file, Enter; once the window's title says it is
#      exporting (the dialog then -> OUTDIR/export-running.png), Escape cancels; once the title says it is over, the
#      folder's listing -> OUTDIR/export-files.txt
# The exports go to OUTDIR/exports; the viewer's stderr -> OUTDIR/export-stderr.txt.
# Usage: export_dialog_e2e.sh CORRIDOR OUTDIR. Exits non-zero when a step fails; the caller checks what came out.
set -euo pipefail
corridor="$1" out="$2"
lib="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/e2e_lib.sh"
shot="$out/export-shot.png"
width=1280 height=800
exports="$out/exports"
rm -rf "$exports"
mkdir -p "$exports"
rm -f "$out"/export-*.png "$out/export-stderr.txt" "$out/export-files.txt"
cd "$out"
title1="Corridor e2e first export"
title2="Corridor e2e replaced"
file="exports/dialog-export.png" # typed relative to the viewer's folder (this one)
big="exports/cancelled-8k.png"

"$corridor" --window-size "${width}x${height}" --screenshot "$shot" --frames 0 2>"$out/export-stderr.txt" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT

. "$lib"

window=$(corridor_window)
xdotool mousemove --window "$window" $((width / 2)) $((height / 2))
sleep 0.3

# until CONDITION…: polls the command (every 0.1 s, up to 3 minutes however loaded the machine) while the viewer runs
until_true() {
    for _ in $(seq 1 1800); do
        "$@" && return 0
        kill -0 "$pid" 2>/dev/null || { echo "the viewer exited while waiting for: $*" >&2; return 1; }
        sleep 0.1
    done
    echo "timed out waiting for: $*" >&2
    return 1
}
title_matches() { xdotool getwindowname "$window" | grep -Eq "$1"; }
exported() { [ -s "$1" ] && [ -s "${1%.png}.pgw" ] && title_matches '^Corridor$'; }
differs() { ! cmp -s "$1" "$2"; }
# press KEYS…: keys, then a frame for them before anything else is sent (a field takes what is typed in its frame)
press() { xdotool key "$@"; rest; }
# type_in TEXT: replaces the text of the field that has the keyboard
type_in() {
    press ctrl+a
    xdotool type --delay 60 "$1"
    rest
}

# --- 1. a Full HD export with a title ---
rest
press ctrl+e
snap export-dialog
press Page_Down
type_in "$title1"
press Tab
press Tab
type_in "$file"
press Return
until_true exported "$file"
cp "$file" "$out/export-first.png"

# --- 2. the same file again: asked first; N keeps it, Y replaces it ---
press Escape
press ctrl+e
type_in "$title2"
press Tab
press Tab
type_in "$file"
press Return
snap export-ask
cmp "$file" "$out/export-first.png"
press n
rest # one more frame: a wrongly started export would have begun
cmp "$file" "$out/export-first.png"
cp "$file" "$out/export-kept.png"
press Return
press y
until_true differs "$file" "$out/export-first.png"
until_true exported "$file"
cp "$file" "$out/export-replaced.png"

# --- 3. an 8K export cancelled while it draws ---
press Escape
press ctrl+e
press Page_Down
press Page_Down
press Tab
press Tab
type_in "$big"
xdotool key Return
until_true title_matches 'exporting'
snap export-running
xdotool key Escape
until_true title_matches '^Corridor$'
rest
ls -A "$exports" >"$out/export-files.txt"
quit_with_keys
