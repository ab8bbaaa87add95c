# Shared by the viewer's end-to-end scripts (sourced, not run). Needs $pid (the viewer, started with
# --screenshot "$shot" --frames 0), $shot and $out set by the caller. A --screenshot viewer keeps no session unless
# --session names a file (session_e2e.sh), so these runs never see or change the user's ~/.config/corridor.

# snap NAME: ask the viewer for a screenshot (SIGUSR1) and wait until it is written to $out/NAME.png
snap() {
    rm -f "$shot"
    kill -USR1 "$pid"
    for _ in $(seq 1 200); do
        [ -s "$shot" ] && { mv "$shot" "$out/$1.png"; return 0; }
        sleep 0.05
    done
    echo "no screenshot for $1" >&2
    return 1
}

# rest: wait until the view rests (a screenshot is only taken once no flight or glide is under way, the layers are
# built in full and the map image is complete), however slow the frames are on a loaded machine. A click during a
# flight would stop it short.
rest() {
    sleep 1
    rm -f "$shot"
    kill -USR1 "$pid"
    for _ in $(seq 1 600); do
        [ -s "$shot" ] && { rm -f "$shot"; return 0; }
        sleep 0.05
    done
    echo "the view did not come to rest" >&2
    return 1
}

# Stops the viewer with SIGTERM and waits for it to exit cleanly.
finish() {
    kill -TERM "$pid"
    wait "$pid"
    trap - EXIT
}

# Quits the viewer with Ctrl+Q (the pointer must be over its window: X focus follows it with no window manager)
# and waits for a clean exit; fails when it is still running 5 s later.
quit_with_keys() {
    xdotool key ctrl+q
    for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || { wait "$pid"; trap - EXIT; return 0; }
        sleep 0.05
    done
    echo "Ctrl+Q did not close the viewer" >&2
    return 1
}

# Prints the viewer's window id once it shows, after moving it to the screen's top-left corner (no window manager
# places it) and letting it settle: window=$(corridor_window)
corridor_window() {
    local window
    window=$(xdotool search --sync --onlyvisible --name '^Corridor$' | head -n 1)
    xdotool windowmove --sync "$window" 0 0
    sleep 0.5
    echo "$window"
}
