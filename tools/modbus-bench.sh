#!/bin/sh
# Modbus RTU benchmark: our master (qedge modbus bench) and mbpoll (libmodbus) against the same
# pymodbus 3.0 RTU server on a socat pty pair, same settings; then the line model at 9600 and
# 115200 baud. Needs socat, mbpoll, python3-pymodbus (Debian). Usage: tools/modbus-bench.sh [seconds] [registers]
set -eu
SECONDS_RUN=${1:-5}
REGS=${2:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=$(mktemp -d /tmp/qedge-bench-XXXXXX)
cleanup() { kill "$PY" "$SOCAT" 2>/dev/null || true; rm -rf "$DIR"; }
trap cleanup EXIT INT TERM
socat pty,raw,echo=0,ignoreeof,link="$DIR/a" pty,raw,echo=0,ignoreeof,link="$DIR/b" 2>/dev/null & SOCAT=$!
i=0; while [ ! -e "$DIR/a" ] || [ ! -e "$DIR/b" ]; do i=$((i+1)); [ $i -gt 100 ] && { echo "socat did not start" >&2; exit 1; }; sleep 0.05; done
/usr/bin/python3 "$ROOT/tests/Qinshui.Edge.Tests/Modbus/Peers/pymodbus_rtu_server.py" "$DIR/a" 19200 N 1 >"$DIR/py.log" 2>&1 & PY=$!
i=0; until mbpoll -m rtu -b 19200 -P none -a 1 -0 -r 0 -c 1 -1 -o 0.2 "$DIR/b" >/dev/null 2>&1; do i=$((i+1)); [ $i -gt 100 ] && { echo "pymodbus did not answer" >&2; exit 1; }; done
echo "== qedge master vs pymodbus, pty, 19200 8N1, FC03 x $REGS =="
dotnet "$ROOT/simulator/Qinshui.Edge.Cli/bin/Debug/net10.0/qedge.dll" modbus bench --port "$DIR/b" --baud 19200 --unit 1 --count "$REGS" --seconds "$SECONDS_RUN"
echo "== mbpoll (libmodbus) vs pymodbus, same pty and settings: 1000 transactions in one process =="
UNITS=$(awk 'BEGIN { s = "1"; for (i = 1; i < 1000; i++) s = s ",1"; print s }')
START=$(date +%s.%N)
mbpoll -m rtu -b 19200 -P none -a "$UNITS" -0 -r 0 -c "$REGS" -1 "$DIR/b" >"$DIR/mbpoll.out" 2>&1 || true
END=$(date +%s.%N)
OK=$(grep -c "Polling slave" "$DIR/mbpoll.out" || true)
FAIL=$(grep -ci "failed\|timed out" "$DIR/mbpoll.out" || true)
awk -v s="$START" -v e="$END" -v ok="$OK" -v f="$FAIL" 'BEGIN { printf "  %.1f transactions/s (%d polled, %d failed, %.2f s incl. process start)\n", (ok - f) / (e - s), ok, f, e - s }'
