using Qinshui.Edge.Core.Welding;

namespace Qinshui.Edge.Core.Config
{
    /// <summary>One welding station as configured: where the machine is read and which relay enables it.</summary>
    public sealed class WeldingStationSpec
    {
        public string Id { get; set; }
        public string ZoneId { get; set; }
        public string ExpectedMachineCode { get; set; }
        public int BusIndex { get; set; }
        public string MachineDevice { get; set; }
        public string EnableOutputId { get; set; }
        public string CardReaderId { get; set; }
        public string[] GasChannelIds { get; set; }
        public int SettleMs { get; set; }
        public double ArcThresholdAmps { get; set; }
    }

    /// <summary>A confined space guarded by permit, attendant and continuous gas monitoring.</summary>
    public sealed class ConfinedSpaceSpec
    {
        public string ZoneId { get; set; }
        public string OxygenChannelId { get; set; }
        public string[] ToxicChannelIds { get; set; }
        /// <summary>Combustible gas channels (GB 30871-2022 gas analysis during entry); may be empty.</summary>
        public string[] CombustibleChannelIds { get; set; }
        public string CardReaderId { get; set; }
    }

    /// <summary>The "welding" section: stations, confined spaces, registry, special periods.</summary>
    public sealed class WeldingSettings
    {
        public WeldingSettings()
        {
            Stations = new WeldingStationSpec[0];
            ConfinedSpaces = new ConfinedSpaceSpec[0];
            Welders = new WelderRecord[0];
            Machines = new MachineRecord[0];
            SpecialPeriods = new SpecialPeriod[0];
            PermitCapacity = 16;
        }

        public WeldingStationSpec[] Stations { get; set; }
        public ConfinedSpaceSpec[] ConfinedSpaces { get; set; }
        public WelderRecord[] Welders { get; set; }
        public MachineRecord[] Machines { get; set; }
        public SpecialPeriod[] SpecialPeriods { get; set; }
        public int PermitCapacity { get; set; }
    }
}
