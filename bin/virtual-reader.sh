#!/usr/bin/env bash
# Starts or stops the PC/SC daemon with vsmartcard's virtual reader ("Virtual PCD"). A program that connects to
# 127.0.0.1:35963 is then the card in that reader. Readiness is checked by looking for the listening port and the
# daemon's socket, never by connecting: a connection is a card insertion.
#   bin/virtual-reader.sh start   # prints the daemon's PID
#   bin/virtual-reader.sh stop
set -euo pipefail

state_dir="${STAFFCARD_RUN_DIR:-$(cd "$(dirname "$0")/.." && pwd)/run}"
mkdir -p "$state_dir"
pid_file="$state_dir/pcscd.pid"
conf_file="$state_dir/pcscd-vpcd.conf"
driver=/usr/lib/pcsc/drivers/serial/libifdvpcd.so

listening() {
    ss -ltn 2>/dev/null | grep -q '127.0.0.1:35963\|\*:35963\|0.0.0.0:35963\|\[::\]:35963'
}

start() {
    if listening && [ -S /run/pcscd/pcscd.comm ]; then
        echo "The virtual reader is already up (port 35963 listens)."
        return 0
    fi
    if [ ! -f "$driver" ]; then
        echo "vsmartcard's vpcd driver is missing ($driver): run bin/prerequisites.sh first." >&2
        return 1
    fi
    cat > "$conf_file" <<CONF
FRIENDLYNAME "Virtual PCD"
DEVICENAME /dev/null:35963
LIBPATH $driver
CHANNELID 35963
CONF
    mkdir -p /run/pcscd
    pcscd --foreground --config "$conf_file" > "$state_dir/pcscd.log" 2>&1 &
    echo $! > "$pid_file"
    for _ in $(seq 1 100); do
        if listening && [ -S /run/pcscd/pcscd.comm ]; then
            echo "Virtual reader up: pcscd PID $(cat "$pid_file"); vpcd listens on port 35963 of every interface (demo and test machines only)"
            return 0
        fi
        sleep 0.1
    done
    echo "pcscd did not come up within 10 s; see $state_dir/pcscd.log" >&2
    return 1
}

stop() {
    if [ -f "$pid_file" ]; then
        kill "$(cat "$pid_file")" 2>/dev/null || true
        rm -f "$pid_file"
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
