namespace Qinshui.Edge.Core.Memory
{
    /// <summary>
    /// Per-object costs on the nanoFramework managed heap (32-bit ESP32 targets), used to
    /// estimate the static footprint of the core before it is flashed. Source: nf-interpreter
    /// src/CLR/Include/nanoCLR_Runtime__HeapBlock.h — every heap object starts with one
    /// CLR_RT_HeapBlock (12 bytes) and every instance field of a class occupies one more heap
    /// block (12 bytes) whatever its type; an array adds its element count, element size and
    /// type (CLR_RT_HeapBlock_Array) and stores primitive elements packed, reference elements
    /// as one 12-byte block each, and value-type (struct) elements as a block pointing to a
    /// boxed copy. These are estimates rounded up, not measurements: docs/memory.md says how
    /// to check them on a device (nanoFramework.Runtime.Native GC.Run(false) free-memory figure).
    /// </summary>
    public static class NanoHeapCosts
    {
        /// <summary>CLR_RT_HeapBlock: data type, flags, size and 8 bytes of payload.</summary>
        public const int HeapBlockBytes = 12;

        /// <summary>Header of an array object (heap block + element count, size and type), rounded up.</summary>
        public const int ArrayHeaderBytes = 24;

        /// <summary>A class instance with this many instance fields (auto-properties count as fields).</summary>
        public static int Object(int fieldCount)
        {
            return HeapBlockBytes + fieldCount * HeapBlockBytes;
        }

        /// <summary>A boxed struct with this many fields (value-type array elements and struct fields of classes).</summary>
        public static int BoxedStruct(int fieldCount)
        {
            return Object(fieldCount);
        }

        /// <summary>An array of a primitive type (byte 1, int/float 4, long/double 8), padded to 4 bytes.</summary>
        public static int PrimitiveArray(int count, int elementBytes)
        {
            return ArrayHeaderBytes + Align4(count * elementBytes);
        }

        /// <summary>An array of references: one heap block per element (the referenced objects are counted separately).</summary>
        public static int ReferenceArray(int count)
        {
            return ArrayHeaderBytes + count * HeapBlockBytes;
        }

        /// <summary>An array of structs: one heap block per element plus its boxed copy.</summary>
        public static int StructArray(int count, int structFieldCount)
        {
            return ArrayHeaderBytes + count * (HeapBlockBytes + BoxedStruct(structFieldCount));
        }

        /// <summary>A string: nanoFramework stores strings as UTF-8 after a heap block (ASCII assumed here).</summary>
        public static int String(int chars)
        {
            return HeapBlockBytes + Align4(chars + 1);
        }

        public static int Align4(int n)
        {
            return (n + 3) & ~3;
        }
    }
}
