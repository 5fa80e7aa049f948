#!/usr/bin/python3
"""A pymodbus 3.0 RTU slave for the interop tests (Debian python3-pymodbus, /usr/bin/python3).

usage: pymodbus_rtu_server.py PORT BAUD PARITY(N|E|O) UNIT [UNIT...]

Every unit holds the same register map, offset by unit so a reply from the wrong unit is
detectable. Values of the typed block are encoded here with Python's struct, independently
of the C# decoder under test. Units not listed do not answer (ignore_missing_slaves).
"""
import logging
import struct
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server import StartSerialServer
from pymodbus.transaction import ModbusRtuFramer

SIZE = 400          # registers/bits 0..399 exist; 400 and above raise exception 02
TYPED_BASE = 200    # typed values start here (see typed_block)


def order_words(raw4: bytes, order: str) -> list:
    """raw4 is big-endian ABCD; reorder into the named byte order and split into two registers."""
    a, b, c, d = raw4
    m = {"ABCD": (a, b, c, d), "CDAB": (c, d, a, b), "BADC": (b, a, d, c), "DCBA": (d, c, b, a)}[order]
    return [(m[0] << 8) | m[1], (m[2] << 8) | m[3]]


def typed_block() -> list:
    regs = []
    regs += [struct.unpack(">H", struct.pack(">h", -12345))[0]]          # 200 int16
    regs += [54321]                                                        # 201 uint16
    for order in ("ABCD", "CDAB", "BADC", "DCBA"):                         # 202.. 4 x (s32, u32, f32) = 24 regs
        regs += order_words(struct.pack(">i", -123456789), order)
        regs += order_words(struct.pack(">I", 3000000000), order)
        regs += order_words(struct.pack(">f", -1234.5), order)
    return regs


def unit_context(unit: int) -> ModbusSlaveContext:
    hr = [(unit * 1000 + i) & 0xFFFF for i in range(SIZE)]
    typed = typed_block()
    hr[TYPED_BASE:TYPED_BASE + len(typed)] = typed
    ir = [(unit * 1000 + 500 + i) & 0xFFFF for i in range(SIZE)]
    co = [((i + unit) % 3) == 0 for i in range(SIZE)]
    di = [((i + unit) % 2) == 0 for i in range(SIZE)]
    return ModbusSlaveContext(
        di=ModbusSequentialDataBlock(0, di),
        co=ModbusSequentialDataBlock(0, co),
        hr=ModbusSequentialDataBlock(0, hr),
        ir=ModbusSequentialDataBlock(0, ir),
        zero_mode=True,
    )


def main() -> None:
    port, baud, parity = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    units = [int(u) for u in sys.argv[4:]]
    logging.basicConfig(level=logging.ERROR)
    context = ModbusServerContext(slaves={u: unit_context(u) for u in units}, single=False)
    print("ready", flush=True)
    StartSerialServer(
        context=context,
        framer=ModbusRtuFramer,
        port=port,
        baudrate=baud,
        parity=parity,
        bytesize=8,
        stopbits=1,
        timeout=0.005,
        ignore_missing_slaves=True,
        broadcast_enable=True,
    )


if __name__ == "__main__":
    main()
