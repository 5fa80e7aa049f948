namespace Qinshui.Edge.Core.Modbus
{
    /// <summary>A device type's register map (hardware/devices/*.json): points and status rules.</summary>
    public sealed class ModbusDeviceProfile
    {
        public string Id;
        public string Title;
        /// <summary>The datasheet it comes from, or the statement that it is a typical map to check.</summary>
        public string Source;
        /// <summary>True when the map is not from a datasheet and must be checked against the real device.</summary>
        public bool Verify;
        public ModbusPointConfig[] Points;
        public ModbusStatusRule[] StatusRules;

        public int IndexOf(string pointId)
        {
            for (int i = 0; i < Points.Length; i++)
            {
                if (Points[i].Id == pointId) return i;
            }
            return -1;
        }
    }
}
