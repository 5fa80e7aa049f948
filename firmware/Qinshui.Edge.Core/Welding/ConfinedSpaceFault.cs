namespace Qinshui.Edge.Core.Welding
{
    public enum ConfinedSpaceFault
    {
        None = 0,
        ClockUntrusted = 1,
        NoValidPermit = 2,
        NoAttendant = 3,
        MonitoringFault = 4,
        OxygenLow = 5,
        OxygenHigh = 6,
        ToxicGas = 7,
        CombustibleGas = 8,
    }

    public static class ConfinedSpaceFaults
    {
        public static string Code(ConfinedSpaceFault f)
        {
            switch (f)
            {
                case ConfinedSpaceFault.None: return "none";
                case ConfinedSpaceFault.ClockUntrusted: return "clock_untrusted";
                case ConfinedSpaceFault.NoValidPermit: return "no_valid_permit";
                case ConfinedSpaceFault.NoAttendant: return "no_attendant";
                case ConfinedSpaceFault.MonitoringFault: return "monitoring_fault";
                case ConfinedSpaceFault.OxygenLow: return "oxygen_low";
                case ConfinedSpaceFault.OxygenHigh: return "oxygen_high";
                case ConfinedSpaceFault.ToxicGas: return "toxic_gas";
                case ConfinedSpaceFault.CombustibleGas: return "combustible_gas";
                default: return "unknown";
            }
        }
    }
}
