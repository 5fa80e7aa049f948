namespace Qinshui.Edge.Core.Modbus
{
    /// <summary>Modbus Application Protocol V1.1b3 §6: the function codes the gateway uses.</summary>
    public static class FunctionCode
    {
        public const byte ReadCoils = 1;
        public const byte ReadDiscreteInputs = 2;
        public const byte ReadHoldingRegisters = 3;
        public const byte ReadInputRegisters = 4;
        public const byte WriteSingleCoil = 5;
        public const byte WriteSingleRegister = 6;
        public const byte WriteMultipleCoils = 15;
        public const byte WriteMultipleRegisters = 16;

        /// <summary>Set in the function byte of an exception response (§7).</summary>
        public const byte ExceptionFlag = 0x80;

        /// <summary>Spec limits per request (§6.1–6.4, 6.11, 6.12).</summary>
        public const int MaxReadBits = 2000;
        public const int MaxReadRegisters = 125;
        public const int MaxWriteBits = 1968;
        public const int MaxWriteRegisters = 123;

        public static bool IsSupported(int function)
        {
            return (function >= 1 && function <= 6) || function == 15 || function == 16;
        }

        public static bool IsBitRead(int function) { return function == ReadCoils || function == ReadDiscreteInputs; }

        public static bool IsRegisterRead(int function) { return function == ReadHoldingRegisters || function == ReadInputRegisters; }

        public static bool IsRead(int function) { return function >= 1 && function <= 4; }
    }
}
