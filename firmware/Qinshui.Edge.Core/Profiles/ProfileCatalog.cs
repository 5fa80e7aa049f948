using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Core.Profiles
{
    /// <summary>
    /// The built-in alarm profiles, each citing its standard (../shared/STANDARDS.md).
    /// High levels are active at or above the threshold and clear below restore; low levels
    /// are active below the threshold and clear at or above restore. Where a standard says
    /// "&gt; 30 °C" the profile trips at 30.0: at the boundary the stricter reading is taken.
    /// </summary>
    public static class ProfileCatalog
    {
        private const string AQ1029 = "AQ 1029-2019 煤矿安全监控系统及检测仪器使用管理规范; 煤矿安全规程";
        private const string CMSR = "煤矿安全规程 (Coal Mine Safety Regulations)";
        private const string GB50493 = "GB/T 50493-2019 §5.5 (level 1 ≤ 100 % OEL, level 2 ≤ 200 % OEL); GBZ 2.1-2019 OEL";
        private const string GB50493_LEL = "GB/T 50493-2019 §5.5 (combustible: level 1 ≤ 25 %LEL, level 2 ≤ 50 %LEL)";
        private const string GB50493_O2 = "GB/T 50493-2019 (O2 low 19.5 %vol, high 23.5 %vol)";

        private static AlarmProfile[] s_all;

        public static AlarmProfile[] All
        {
            get
            {
                if (s_all == null) s_all = Build();
                return s_all;
            }
        }

        public static AlarmProfile Find(string id)
        {
            AlarmProfile[] all = All;
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].Id == id) return all[i];
            }
            return null;
        }

        private static LevelConfig High(LevelKind kind, double threshold, double restore, bool latching)
        {
            return new LevelConfig(kind, Direction.High, threshold, restore, 0, 0, latching);
        }

        private static LevelConfig Low(LevelKind kind, double threshold, double restore, bool latching)
        {
            return new LevelConfig(kind, Direction.Low, threshold, restore, 0, 0, latching);
        }

        private static LevelConfig Exposure(LevelSource source, double limit)
        {
            // Exposure averages move slowly; restore at the limit itself, latched (GB 16808).
            return new LevelConfig(LevelKind.Alarm, Direction.High, limit, limit, 0, 0, true, source);
        }

        /// <summary>The mine profiles followed by the plant profiles, in one array built once (start-up only).</summary>
        private static AlarmProfile[] Build()
        {
            AlarmProfile[] mine = MineProfiles();
            AlarmProfile[] plant = PlantProfiles();
            AlarmProfile[] all = new AlarmProfile[mine.Length + plant.Length];
            System.Array.Copy(mine, all, mine.Length);
            System.Array.Copy(plant, 0, all, mine.Length, plant.Length);
            return all;
        }

        /// <summary>Coal mine profiles: methane by location (AQ 1029-2019), other gases and temperatures (煤矿安全规程).</summary>
        private static AlarmProfile[] MineProfiles()
        {
            return new AlarmProfile[]
            {
                // ---- Coal mine methane, AQ 1029-2019 by location (STANDARDS.md table 1) ----
                new AlarmProfile("MINE_CH4_FACE", ProfileFamily.MineMethane, "CH4", Unit.PercentVolume, AQ1029,
                    "Methane, working/heading face T1, shearer, heading machine", "甲烷，采煤/掘进工作面T1、采煤机、掘进机",
                    "alarm ≥1.0, cut ≥1.5, restore <1.0 %CH4", false, 0, 4,
                    new[] { High(LevelKind.Alarm, 1.0, 1.0, false), High(LevelKind.Trip, 1.5, 1.0, true) }),
                new AlarmProfile("MINE_CH4_UPPER_CORNER", ProfileFamily.MineMethane, "CH4", Unit.PercentVolume, AQ1029,
                    "Methane, upper corner T0", "甲烷，工作面上隅角T0",
                    "alarm ≥1.0, cut ≥1.5, restore <1.0 (one reprint says <1.5; the stricter is used)", true, 0, 4,
                    new[] { High(LevelKind.Alarm, 1.0, 1.0, false), High(LevelKind.Trip, 1.5, 1.0, true) }),
                new AlarmProfile("MINE_CH4_RETURN", ProfileFamily.MineMethane, "CH4", Unit.PercentVolume, AQ1029,
                    "Methane, face return T2, return mid-point, heading return", "甲烷，工作面回风T2、回风巷中部、掘进回风",
                    "alarm ≥1.0, cut ≥1.0, restore <1.0 %CH4", false, 0, 4,
                    new[] { High(LevelKind.Alarm, 1.0, 1.0, false), High(LevelKind.Trip, 1.0, 1.0, true) }),
                new AlarmProfile("MINE_CH4_INTAKE", ProfileFamily.MineMethane, "CH4", Unit.PercentVolume, AQ1029,
                    "Methane, intake of high-gas/outburst mines, series-ventilated intake, loco loading point", "甲烷，高瓦斯/突出矿井进风、串联通风进风、架线电机车装煤点",
                    "alarm ≥0.5, cut ≥0.5, restore <0.5 %CH4", false, 0, 4,
                    new[] { High(LevelKind.Alarm, 0.5, 0.5, false), High(LevelKind.Trip, 0.5, 0.5, true) }),
                new AlarmProfile("MINE_CH4_SERIES_FAN", ProfileFamily.MineMethane, "CH4", Unit.PercentVolume, AQ1029,
                    "Methane, series heading before the auxiliary fan", "甲烷，串联掘进工作面局部通风机前",
                    "alarm ≥0.5, cut ≥0.5 (heading equipment), second cut ≥1.5 (also the fan), restore <0.5 %CH4", false, 0, 4,
                    new[] { High(LevelKind.Alarm, 0.5, 0.5, false), High(LevelKind.Trip, 0.5, 0.5, true), High(LevelKind.SecondTrip, 1.5, 0.5, true) }),

                // ---- Other mine gases and temperatures (煤矿安全规程) ----
                new AlarmProfile("MINE_CO", ProfileFamily.MineGas, "CO", Unit.Ppm, CMSR,
                    "Carbon monoxide, mine air", "一氧化碳，井下空气",
                    "≤ 24 ppm (0.0024 %); sensor alarm at 24 ppm", false, 0, 1000,
                    new[] { High(LevelKind.Alarm, 24, 24, false) }),
                new AlarmProfile("MINE_CO2_INTAKE", ProfileFamily.MineGas, "CO2", Unit.PercentVolume, CMSR,
                    "Carbon dioxide, face intake", "二氧化碳，采掘工作面进风流",
                    "≤ 0.5 %vol", false, 0, 5,
                    new[] { High(LevelKind.Alarm, 0.5, 0.5, false) }),
                new AlarmProfile("MINE_CO2_FACE", ProfileFamily.MineGas, "CO2", Unit.PercentVolume, CMSR,
                    "Carbon dioxide, face air", "二氧化碳，采掘工作面风流",
                    "≥ 1.5 %vol: stop work and withdraw", false, 0, 5,
                    new[] { High(LevelKind.Trip, 1.5, 1.5, true) }),
                new AlarmProfile("MINE_O2", ProfileFamily.MineGas, "O2", Unit.PercentVolume, CMSR,
                    "Oxygen, face intake", "氧气，采掘工作面进风流",
                    "≥ 20 %vol required: alarm below 20", false, 0, 25,
                    new[] { Low(LevelKind.Alarm, 20.0, 20.0, false) }),
                new AlarmProfile("MINE_H2S", ProfileFamily.MineGas, "H2S", Unit.Ppm, CMSR,
                    "Hydrogen sulphide, mine air", "硫化氢，井下空气",
                    "≤ 6.6 ppm (0.00066 %)", false, 0, 100,
                    new[] { High(LevelKind.Alarm, 6.6, 6.6, false) }),
                new AlarmProfile("MINE_NO2", ProfileFamily.MineGas, "NO2", Unit.Ppm, CMSR,
                    "Nitrogen dioxide, mine air", "二氧化氮，井下空气",
                    "≤ 2.5 ppm (0.00025 %)", false, 0, 20,
                    new[] { High(LevelKind.Alarm, 2.5, 2.5, false) }),
                new AlarmProfile("MINE_SO2", ProfileFamily.MineGas, "SO2", Unit.Ppm, CMSR,
                    "Sulphur dioxide, mine air", "二氧化硫，井下空气",
                    "≤ 5 ppm (0.0005 %)", false, 0, 20,
                    new[] { High(LevelKind.Alarm, 5, 5, false) }),
                new AlarmProfile("MINE_NH3", ProfileFamily.MineGas, "NH3", Unit.Ppm, CMSR,
                    "Ammonia, mine air", "氨，井下空气",
                    "≤ 40 ppm (0.004 %)", false, 0, 100,
                    new[] { High(LevelKind.Alarm, 40, 40, false) }),
                new AlarmProfile("MINE_TEMP_FACE", ProfileFamily.MineTemperature, "TEMP", Unit.DegreesCelsius, CMSR,
                    "Air temperature, working face", "采掘工作面空气温度",
                    "> 26 °C shorter shifts (warning); > 30 °C stop work (trip)", false, -20, 80,
                    new[] { High(LevelKind.Warning, 26, 26, false), High(LevelKind.Trip, 30, 30, true) }),
                new AlarmProfile("MINE_TEMP_CHAMBER", ProfileFamily.MineTemperature, "TEMP", Unit.DegreesCelsius, CMSR,
                    "Air temperature, electrical chamber", "机电设备硐室空气温度",
                    "> 30 °C shorter shifts (warning); > 34 °C stop work (trip)", false, -20, 80,
                    new[] { High(LevelKind.Warning, 30, 30, false), High(LevelKind.Trip, 34, 34, true) }),
            };
        }

        /// <summary>Plant profiles: GB/T 50493-2019 levels and GBZ 2.1 exposure limits.</summary>
        private static AlarmProfile[] PlantProfiles()
        {
            return new AlarmProfile[]
            {
                // ---- Plants: GB/T 50493-2019 levels, GBZ 2.1 limits, alarms latch (GB 16808) ----
                new AlarmProfile("PLANT_COMBUSTIBLE", ProfileFamily.PlantCombustible, "EX", Unit.PercentLel, GB50493_LEL,
                    "Combustible gas", "可燃气体",
                    "level 1 (alarm) 25 %LEL, level 2 (trip) 50 %LEL", false, 0, 100,
                    new[] { High(LevelKind.Alarm, 25, 25, true), High(LevelKind.Trip, 50, 50, true) }),
                ToxicPpm("PLANT_CO", "CO", "Carbon monoxide", "一氧化碳", 28.01, 20, 40, 30, 20, 0, 500),
                ToxicPpm("PLANT_H2S", "H2S", "Hydrogen sulphide", "硫化氢", 34.08, 10, 20, 0, 0, 0, 100),
                ToxicPpm("PLANT_NH3", "NH3", "Ammonia", "氨", 17.03, 20, 40, 30, 20, 0, 200),
                ToxicPpm("PLANT_SO2", "SO2", "Sulphur dioxide", "二氧化硫", 64.07, 5, 10, 10, 5, 0, 20),
                ToxicPpm("PLANT_NO2", "NO2", "Nitrogen dioxide", "二氧化氮", 46.01, 5, 10, 10, 5, 0, 20),
                ToxicPpm("PLANT_CL2", "CL2", "Chlorine", "氯气", 70.90, 1, 2, 0, 0, 0, 10),
                new AlarmProfile("PLANT_CO2", ProfileFamily.PlantToxic, "CO2", Unit.PercentVolume, GB50493,
                    "Carbon dioxide", "二氧化碳",
                    "GBZ 2.1 TWA 9000 / STEL 18000 mg/m3 = 0.49 / 0.98 %vol at 20 °C (rounded down)", false, 0, 5,
                    new[]
                    {
                        High(LevelKind.Alarm, 0.49, 0.49, true), High(LevelKind.Trip, 0.98, 0.98, true),
                        Exposure(LevelSource.Stel, 0.98), Exposure(LevelSource.Twa, 0.49),
                    }),
                new AlarmProfile("PLANT_O2", ProfileFamily.PlantOxygen, "O2", Unit.PercentVolume, GB50493_O2,
                    "Oxygen (deficiency and enrichment)", "氧气（缺氧与富氧）",
                    "low alarm < 19.5 %vol, high alarm > 23.5 %vol", false, 0, 30,
                    new[] { Low(LevelKind.Alarm, 19.5, 19.5, true), High(LevelKind.Alarm, 23.5, 23.5, true) }),
            };
        }

        /// <summary>
        /// A GBZ 2.1 toxic gas profile in ppm: level 1 = 100 % OEL, level 2 = 200 % OEL
        /// (GB/T 50493-2019), STEL and TWA where GBZ 2.1 gives them (0 = MAC only).
        /// ppm = mg/m³ × 24.04 / M at 20 °C, 101.3 kPa, rounded down to 0.01 ppm (stricter).
        /// </summary>
        private static AlarmProfile ToxicPpm(string id, string gas, string en, string zh, double molarMass,
            double level1Mg, double level2Mg, double stelMg, double twaMg, double rangeMin, double rangeMax)
        {
            double l1 = MgToPpm(level1Mg, molarMass);
            double l2 = MgToPpm(level2Mg, molarMass);
            int n = 2 + (stelMg > 0 ? 1 : 0) + (twaMg > 0 ? 1 : 0);
            LevelConfig[] levels = new LevelConfig[n];
            levels[0] = High(LevelKind.Alarm, l1, l1, true);
            levels[1] = High(LevelKind.Trip, l2, l2, true);
            int k = 2;
            if (stelMg > 0) levels[k++] = Exposure(LevelSource.Stel, MgToPpm(stelMg, molarMass));
            if (twaMg > 0) levels[k] = Exposure(LevelSource.Twa, MgToPpm(twaMg, molarMass));
            string note = "level 1 " + Fmt(level1Mg) + " mg/m3 = " + Fmt(l1) + " ppm, level 2 " + Fmt(level2Mg) + " mg/m3 = " + Fmt(l2) + " ppm"
                + (stelMg > 0 ? ", STEL " + Fmt(stelMg) + " mg/m3" : "") + (twaMg > 0 ? ", TWA " + Fmt(twaMg) + " mg/m3" : "")
                + (stelMg > 0 || twaMg > 0 ? "" : " (MAC)") + "; M = " + Fmt(molarMass) + " g/mol";
            return new AlarmProfile(id, ProfileFamily.PlantToxic, gas, Unit.Ppm, GB50493, en, zh, note, false, rangeMin, rangeMax, levels);
        }

        /// <summary>mg/m³ → ppm at 20 °C, 101.3 kPa (molar volume 24.04 L), rounded down to 0.01.</summary>
        public static double MgToPpm(double mgPerCubicMetre, double molarMass)
        {
            double ppm = mgPerCubicMetre * 24.04 / molarMass;
            return (double)(long)(ppm * 100) / 100.0;
        }

        private static string Fmt(double v)
        {
            return Util.NumberFormat.Format(v, 2);
        }
    }
}
