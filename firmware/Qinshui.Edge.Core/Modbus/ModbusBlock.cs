namespace Qinshui.Edge.Core.Modbus
{
    /// <summary>One merged read: a run of adjacent registers (or bits) fetched in one request.</summary>
    public sealed class ModbusBlock
    {
        public ModbusBlock(byte function, int address, int quantity)
        {
            Function = function;
            Address = address;
            Quantity = quantity;
        }

        public byte Function { get; }
        public int Address { get; }
        public int Quantity { get; }

        /// <summary>Bytes of request and normal response on the wire.</summary>
        public int RequestBytes { get { return RtuFrame.RequestLength(Function, Quantity); } }
        public int ResponseBytes { get { return RtuFrame.ResponseLength(Function, Quantity); } }

        public bool Contains(byte function, int address, int count)
        {
            return function == Function && address >= Address && address + count <= Address + Quantity;
        }
    }
}
