# Emulator lifecycle for the project's shell scripts (sourced, not run):
#   start_emulator [extra emulator.py args...]   sets EMULATOR_URL and EMULATOR_PID
#   stop_emulator                                 stops it (also installed as an EXIT trap)
# The emulator listens on 127.0.0.1 only, on a free port.

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
    if [[ -n "${EMULATOR_PID:-}" ]]; then
        kill "$EMULATOR_PID" 2>/dev/null || true
        wait "$EMULATOR_PID" 2>/dev/null || true
        EMULATOR_PID=""
    fi
}
