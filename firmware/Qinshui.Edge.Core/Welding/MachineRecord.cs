namespace Qinshui.Edge.Core.Welding
{
    /// <summary>A registered chip-coded welding machine (电焊机"加芯赋码"): its code, model and home zone.</summary>
    public sealed class MachineRecord
    {
        public MachineRecord(string code, string model, string zoneId)
        {
            Code = code;
            Model = model;
            ZoneId = zoneId;
        }

        public string Code { get; }
        public string Model { get; }

        /// <summary>The area the machine is registered to work in.</summary>
        public string ZoneId { get; }
    }
}
