# Emulator and proxy lifecycle for the project's shell scripts (sourced, not run):
#   start_emulator [extra emulator.py args...]   sets EMULATOR_URL and EMULATOR_PID
#   stop_emulator                                 stops it and any proxy (an EXIT trap)
# Both listen on 127.0.0.1 only, on a free port.

start_emulator() {
    local root
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    EMULATOR_LOG="$(mktemp -t cogref-emulator.XXXXXX)"
    local fifo
    fifo="$(mktemp -u -t cogref-emulator-url.XXXXXX)"
    mkfifo "$fifo"
    "$root/.venv/bin/python" "$root/scripts/emulator.py" --port 0 "$@" >"$fifo" 2>"$EMULATOR_LOG" &
    EMULATOR_PID=$!
    trap stop_emulator EXIT
    local line=""
    if ! read -r -t 30 line <"$fifo"; then
        echo "emulator did not start within 30 s; its log:" >&2
        cat "$EMULATOR_LOG" >&2
        rm -f "$fifo"
        return 1
    fi
    rm -f "$fifo"
    EMULATOR_URL="${line#COGREF_EMULATOR_URL=}"
    export EMULATOR_URL EMULATOR_PID
}

stop_emulator() {
    stop_proxy
    if [[ -n "${EMULATOR_PID:-}" ]]; then
        kill "$EMULATOR_PID" 2>/dev/null || true
        wait "$EMULATOR_PID" 2>/dev/null || true
        EMULATOR_PID=""
    fi
}

# start_proxy UPSTREAM [proxy.py args...]   sets PROXY_URL and PROXY_PID
# stop_proxy                                stops it (its --stats file is then written)
start_proxy() {
    local root upstream="$1"
    shift
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    local fifo
    fifo="$(mktemp -u -t cogref-proxy-url.XXXXXX)"
    mkfifo "$fifo"
    "$root/.venv/bin/python" "$root/scripts/proxy.py" --upstream "$upstream" "$@" >"$fifo" &
    PROXY_PID=$!
    local line=""
    read -r -t 30 line <"$fifo" || { rm -f "$fifo"; echo "proxy did not start" >&2; return 1; }
    rm -f "$fifo"
    PROXY_URL="${line#COGREF_PROXY_URL=}"
}

stop_proxy() {
    if [[ -n "${PROXY_PID:-}" ]]; then
        kill "$PROXY_PID" 2>/dev/null || true
        wait "$PROXY_PID" 2>/dev/null || true
        PROXY_PID=""
    fi
}
