namespace Qinshui.Edge.Core.Modbus
{
    /// <summary>
    /// Modbus RTU frames as pure functions on byte arrays: build a request into a caller's buffer,
    /// check a response against the request it answers. No I/O, no allocation.
    /// Sources: Modbus Application Protocol V1.1b3 §6 (PDUs), Modbus over Serial Line V1.02 §2.5.1
    /// (RTU frame: address, PDU, CRC low byte first; at most 256 bytes).
    /// </summary>
    public static class RtuFrame
    {
        /// <summary>Serial Line V1.02 §2.5.1: an RTU frame is at most 256 bytes.</summary>
        public const int MaxFrameLength = 256;

        /// <summary>Exception response: address, function|0x80, code, CRC (2).</summary>
        public const int ExceptionLength = 5;

        public static int BuildRead(byte[] buffer, byte unit, byte function, int address, int quantity)
        {
            buffer[0] = unit;
            buffer[1] = function;
            PutWord(buffer, 2, address);
            PutWord(buffer, 4, quantity);
            return Crc16.Append(buffer, 6);
        }

        /// <summary>FC 05: ON is 0xFF00, OFF is 0x0000 (§6.5).</summary>
        public static int BuildWriteSingleCoil(byte[] buffer, byte unit, int address, bool on)
        {
            buffer[0] = unit;
            buffer[1] = FunctionCode.WriteSingleCoil;
            PutWord(buffer, 2, address);
            buffer[4] = on ? (byte)0xFF : (byte)0x00;
            buffer[5] = 0;
            return Crc16.Append(buffer, 6);
        }

        public static int BuildWriteSingleRegister(byte[] buffer, byte unit, int address, ushort value)
        {
            buffer[0] = unit;
            buffer[1] = FunctionCode.WriteSingleRegister;
            PutWord(buffer, 2, address);
            PutWord(buffer, 4, value);
            return Crc16.Append(buffer, 6);
        }

        /// <summary>FC 15: bits packed LSB first, the first coil in bit 0 of the first byte (§6.11).</summary>
        public static int BuildWriteMultipleCoils(byte[] buffer, byte unit, int address, bool[] values, int offset, int count)
        {
            buffer[0] = unit;
            buffer[1] = FunctionCode.WriteMultipleCoils;
            PutWord(buffer, 2, address);
            PutWord(buffer, 4, count);
            int byteCount = (count + 7) / 8;
            buffer[6] = (byte)byteCount;
            for (int i = 0; i < byteCount; i++) buffer[7 + i] = 0;
            for (int i = 0; i < count; i++)
            {
                if (values[offset + i]) buffer[7 + (i >> 3)] |= (byte)(1 << (i & 7));
            }
            return Crc16.Append(buffer, 7 + byteCount);
        }

        public static int BuildWriteMultipleRegisters(byte[] buffer, byte unit, int address, ushort[] values, int offset, int count)
        {
            buffer[0] = unit;
            buffer[1] = FunctionCode.WriteMultipleRegisters;
            PutWord(buffer, 2, address);
            PutWord(buffer, 4, count);
            buffer[6] = (byte)(count * 2);
            for (int i = 0; i < count; i++) PutWord(buffer, 7 + 2 * i, values[offset + i]);
            return Crc16.Append(buffer, 7 + 2 * count);
        }

        /// <summary>Length of a request frame on the wire (for the bus-time model).</summary>
        public static int RequestLength(int function, int quantity)
        {
            if (function == FunctionCode.WriteMultipleCoils) return 9 + (quantity + 7) / 8;
            if (function == FunctionCode.WriteMultipleRegisters) return 9 + 2 * quantity;
            return 8;
        }

        /// <summary>Length of a normal (non-exception) response frame on the wire.</summary>
        public static int ResponseLength(int function, int quantity)
        {
            if (FunctionCode.IsBitRead(function)) return 5 + (quantity + 7) / 8;
            if (FunctionCode.IsRegisterRead(function)) return 5 + 2 * quantity;
            return 8;
        }

        /// <summary>True when quantity is within the spec's limit for the function and the range stays inside 0..65535.</summary>
        public static bool IsValidQuantity(int function, int address, int quantity)
        {
            if (address < 0 || address > 0xFFFF || quantity < 1 || address + quantity > 0x10000) return false;
            switch (function)
            {
                case FunctionCode.ReadCoils:
                case FunctionCode.ReadDiscreteInputs: return quantity <= FunctionCode.MaxReadBits;
                case FunctionCode.ReadHoldingRegisters:
                case FunctionCode.ReadInputRegisters: return quantity <= FunctionCode.MaxReadRegisters;
                case FunctionCode.WriteMultipleCoils: return quantity <= FunctionCode.MaxWriteBits;
                case FunctionCode.WriteMultipleRegisters: return quantity <= FunctionCode.MaxWriteRegisters;
                case FunctionCode.WriteSingleCoil:
                case FunctionCode.WriteSingleRegister: return quantity == 1;
                default: return false;
            }
        }

        /// <summary>
        /// Checks a response against the request it answers: length, CRC, slave address, function,
        /// byte count, and for writes the echo. Any mismatch is a fault with its status; only a frame
        /// that passes everything is Ok. Never throws for any input bytes.
        /// </summary>
        public static bool TryParseResponse(byte[] request, int requestLength, byte[] frame, int length, out RtuResponse r)
        {
            r = new RtuResponse();
            r.Status = Check(request, requestLength, frame, length, ref r);
            return r.Status == ModbusStatus.Ok;
        }

        private static ModbusStatus Check(byte[] request, int requestLength, byte[] frame, int length, ref RtuResponse r)
        {
            if (request == null || requestLength < 8 || frame == null || length < 0 || length > frame.Length) return ModbusStatus.InvalidRequest;
            if (length < ExceptionLength || length > MaxFrameLength) return ModbusStatus.BadLength;
            if (!Crc16.Check(frame, length))
            {
                // A good frame followed by extra bytes is reported as such (a technician's clue:
                // two devices answering, echo on the line) rather than as a CRC error.
                int expected = (frame[1] & FunctionCode.ExceptionFlag) != 0 ? ExceptionLength : ResponseLength(request[1], Word(request, 4));
                if (expected < length && Crc16.Check(frame, expected)) return ModbusStatus.BadLength;
                return ModbusStatus.BadCrc;
            }
            r.Unit = frame[0];
            r.Function = frame[1];
            byte function = request[1];
            if (frame[0] != request[0]) return ModbusStatus.WrongUnit;
            if (frame[1] == (byte)(function | FunctionCode.ExceptionFlag))
            {
                if (length != ExceptionLength) return ModbusStatus.BadLength;
                r.ExceptionCode = frame[2];
                return ModbusStatus.Exception;
            }
            if (frame[1] != function) return ModbusStatus.WrongFunction;
            int quantity = Word(request, 4);
            if (FunctionCode.IsRead(function))
            {
                int expectedBytes = FunctionCode.IsBitRead(function) ? (quantity + 7) / 8 : 2 * quantity;
                if (frame[2] != expectedBytes)
                {
                    // A byte count that matches the frame's own length but not the request is a
                    // different answer; one that matches neither is a broken frame.
                    return frame[2] == length - 5 ? ModbusStatus.BadByteCount : ModbusStatus.BadLength;
                }
                if (length != 5 + expectedBytes) return ModbusStatus.BadLength;
                r.DataOffset = 3;
                r.DataLength = expectedBytes;
                return ModbusStatus.Ok;
            }
            if (length != 8) return ModbusStatus.BadLength;
            // §6.5/6.6: FC 05/06 echo the request; §6.11/6.12: FC 15/16 echo address and quantity.
            // Either way bytes 2..5 of the response equal those of the request.
            for (int i = 2; i < 6; i++)
            {
                if (frame[i] != request[i]) return ModbusStatus.EchoMismatch;
            }
            r.DataOffset = 2;
            r.DataLength = 4;
            return ModbusStatus.Ok;
        }

        /// <summary>Copies register data of an Ok read response into values[offset..).</summary>
        public static void CopyRegisters(byte[] frame, RtuResponse r, ushort[] values, int offset)
        {
            int n = r.DataLength / 2;
            for (int i = 0; i < n; i++) values[offset + i] = (ushort)Word(frame, r.DataOffset + 2 * i);
        }

        /// <summary>Unpacks count bits of an Ok bit-read response into values[offset..).</summary>
        public static void CopyBits(byte[] frame, RtuResponse r, int count, bool[] values, int offset)
        {
            for (int i = 0; i < count; i++) values[offset + i] = (frame[r.DataOffset + (i >> 3)] & (1 << (i & 7))) != 0;
        }

        public static int Word(byte[] b, int offset)
        {
            return (b[offset] << 8) | b[offset + 1];
        }

        public static void PutWord(byte[] b, int offset, int value)
        {
            b[offset] = (byte)((value >> 8) & 0xFF);
            b[offset + 1] = (byte)(value & 0xFF);
        }
    }
}
