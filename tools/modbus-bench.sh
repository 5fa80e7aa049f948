#!/bin/sh
# Modbus RTU benchmark, side by side in one run: our master (qedge modbus bench, Release build) and
# mbpoll (libmodbus) against the same pymodbus 3.0 RTU server on a socat pty pair, same settings, at
# every baud rate in BAUDS; then the device-faithful line model (ModbusDriveModel) at 9600 and 115200
# baud with its assumptions. A pty has no baud rate: the pty figures compare the two masters, not the wire.
# Needs socat, mbpoll, python3-pymodbus, python3-serial, python3-serial-asyncio (Debian).
# Usage: tools/modbus-bench.sh [seconds] [registers]   (BAUDS="9600 19200 115200" by default)
set -eu
SECONDS_RUN=${1:-5}
REGS=${2:-10}
BAUDS=${BAUDS:-"9600 19200 115200"}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
QEDGE="$ROOT/simulator/Qinshui.Edge.Cli/bin/Release/net10.0/qedge.dll"
if [ ! -f "$QEDGE" ]; then
  echo "building qedge (Release)..." >&2
  dotnet build -c Release "$ROOT/simulator/Qinshui.Edge.Cli" >/dev/null
fi
DIR=$(mktemp -d /tmp/qedge-bench-XXXXXX)
PY=""; SOCAT=""
stop_peers() { [ -n "$PY" ] && kill "$PY" 2>/dev/null || true; [ -n "$SOCAT" ] && kill "$SOCAT" 2>/dev/null || true; PY=""; SOCAT=""; }
cleanup() { stop_peers; rm -rf "$DIR"; }
trap cleanup EXIT INT TERM
echo "machine load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for BAUD in $BAUDS; do
  rm -f "$DIR/a" "$DIR/b"
  socat pty,raw,echo=0,ignoreeof,link="$DIR/a" pty,raw,echo=0,ignoreeof,link="$DIR/b" 2>/dev/null & SOCAT=$!
  i=0; while [ ! -e "$DIR/a" ] || [ ! -e "$DIR/b" ]; do i=$((i+1)); [ $i -gt 100 ] && { echo "socat did not start" >&2; exit 1; }; sleep 0.05; done
  /usr/bin/python3 "$ROOT/tests/Qinshui.Edge.Tests/Modbus/Peers/pymodbus_rtu_server.py" "$DIR/a" "$BAUD" N 1 >"$DIR/py.log" 2>&1 & PY=$!
  i=0; until mbpoll -m rtu -b "$BAUD" -P none -a 1 -0 -r 0 -c 1 -1 -o 0.2 "$DIR/b" >/dev/null 2>&1; do i=$((i+1)); [ $i -gt 100 ] && { echo "pymodbus did not answer" >&2; cat "$DIR/py.log" >&2; exit 1; }; done
  echo "== $BAUD 8N1, FC03 x $REGS: qedge master vs pymodbus (one process, continuous polling) =="
  dotnet "$QEDGE" modbus bench --port "$DIR/b" --baud "$BAUD" --unit 1 --count "$REGS" --seconds "$SECONDS_RUN" --no-model
  echo "== $BAUD 8N1, FC03 x $REGS: mbpoll (libmodbus) vs pymodbus, same pty: 1000 transactions in one process =="
  UNITS=$(awk 'BEGIN { s = "1"; for (i = 1; i < 1000; i++) s = s ",1"; print s }')
  START=$(date +%s.%N)
  mbpoll -m rtu -b "$BAUD" -P none -a "$UNITS" -0 -r 0 -c "$REGS" -1 "$DIR/b" >"$DIR/mbpoll.out" 2>&1 || true
  END=$(date +%s.%N)
  OK=$(grep -c "Polling slave" "$DIR/mbpoll.out" || true)
  FAIL=$(grep -ci "failed\|timed out" "$DIR/mbpoll.out" || true)
  awk -v s="$START" -v e="$END" -v ok="$OK" -v f="$FAIL" 'BEGIN { printf "  %.1f transactions/s (%d polled, %d failed, %.2f s incl. process start)\n", (ok - f) / (e - s), ok, f, e - s }'
  stop_peers
done
echo "== device-faithful line model (virtual time) =="
dotnet "$QEDGE" modbus bench --count "$REGS"
