namespace Qinshui.Edge.Core.Domain
{
    /// <summary>Engineering units of readings and limits.</summary>
    public enum Unit
    {
        None = 0,
        PercentVolume = 1,
        PercentLel = 2,
        Ppm = 3,
        MilligramsPerCubicMetre = 4,
        DegreesCelsius = 5,
        Pascal = 6,
        Percent = 7,
        Amps = 8,
        Volts = 9,
        CubicMetresPerHour = 10,
        Millimetres = 11,
        Milliamps = 12,
        MetresPerSecond = 13,
    }

    public static class Units
    {
        /// <summary>The symbol used in payloads, configuration and displays.</summary>
        public static string Symbol(Unit unit)
        {
            switch (unit)
            {
                case Unit.PercentVolume: return "%vol";
                case Unit.PercentLel: return "%LEL";
                case Unit.Ppm: return "ppm";
                case Unit.MilligramsPerCubicMetre: return "mg/m3";
                case Unit.DegreesCelsius: return "degC";
                case Unit.Pascal: return "Pa";
                case Unit.Percent: return "%";
                case Unit.Amps: return "A";
                case Unit.Volts: return "V";
                case Unit.CubicMetresPerHour: return "m3/h";
                case Unit.Millimetres: return "mm";
                case Unit.Milliamps: return "mA";
                case Unit.MetresPerSecond: return "m/s";
                default: return "";
            }
        }

        /// <summary>Parses a symbol written by <see cref="Symbol"/>; false if unknown.</summary>
        public static bool TryParse(string symbol, out Unit unit)
        {
            for (int i = 0; i <= 13; i++)
            {
                Unit u = (Unit)i;
                if (Symbol(u) == symbol)
                {
                    unit = u;
                    return true;
                }
            }
            unit = Unit.None;
            return false;
        }
    }
}
