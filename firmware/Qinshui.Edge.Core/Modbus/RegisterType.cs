namespace Qinshui.Edge.Core.Modbus
{
    /// <summary>How a point's registers (or bits) become a number.</summary>
    public enum RegisterType
    {
        UInt16 = 0,
        Int16 = 1,
        UInt32 = 2,
        Int32 = 3,
        Float32 = 4,
        /// <summary>A coil or discrete input (FC 01/02): 0 or 1.</summary>
        Bool = 5,
        /// <summary>A bit field of one register: BitIndex, BitCount.</summary>
        Bits = 6,
        /// <summary>ASCII text, two characters per register, high byte first (identity codes).</summary>
        Ascii = 7,
    }

    public static class RegisterTypes
    {
        private static readonly string[] s_names = { "u16", "s16", "u32", "s32", "f32", "bool", "bits", "ascii" };

        public static string Name(RegisterType t) { return s_names[(int)t]; }

        public static bool TryParse(string name, out RegisterType t)
        {
            for (int i = 0; i < s_names.Length; i++)
            {
                if (s_names[i] == name)
                {
                    t = (RegisterType)i;
                    return true;
                }
            }
            t = RegisterType.UInt16;
            return false;
        }

        /// <summary>Registers the type occupies (ASCII: its configured length).</summary>
        public static int RegisterCount(RegisterType t, int asciiRegisters)
        {
            switch (t)
            {
                case RegisterType.UInt32:
                case RegisterType.Int32:
                case RegisterType.Float32: return 2;
                case RegisterType.Ascii: return asciiRegisters;
                default: return 1;
            }
        }
    }

    public static class WordOrders
    {
        private static readonly string[] s_names = { "ABCD", "CDAB", "BADC", "DCBA" };

        public static string Name(WordOrder o) { return s_names[(int)o]; }

        public static bool TryParse(string name, out WordOrder o)
        {
            for (int i = 0; i < s_names.Length; i++)
            {
                if (s_names[i] == name)
                {
                    o = (WordOrder)i;
                    return true;
                }
            }
            o = WordOrder.ABCD;
            return false;
        }
    }
}
