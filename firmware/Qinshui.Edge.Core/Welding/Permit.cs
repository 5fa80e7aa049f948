namespace Qinshui.Edge.Core.Welding
{
    /// <summary>
    /// An approved work permit, as pushed (signed) by the platform. Hot work binds machines and
    /// welders; confined-space entry binds entrants and an attendant. Gas requirements come
    /// from GB 30871-2022 unless the permit is stricter.
    /// </summary>
    public sealed class Permit
    {
        public Permit(string permitId, PermitKind kind, string grade, string zoneId, string[] machineCodes, string[] welderIds,
            string[] entrantIds, string attendantId, long validFromUtcMs, long validToUtcMs, long gasAnalysisUtcMs,
            string combustibleGas, double combustibleLimitPercentVolume, bool oxygenEnriched, bool mine)
        {
            PermitId = permitId;
            Kind = kind;
            Grade = grade;
            ZoneId = zoneId;
            MachineCodes = machineCodes;
            WelderIds = welderIds;
            EntrantIds = entrantIds;
            AttendantId = attendantId;
            ValidFromUtcMs = validFromUtcMs;
            ValidToUtcMs = validToUtcMs;
            GasAnalysisUtcMs = gasAnalysisUtcMs;
            CombustibleGas = combustibleGas;
            CombustibleLimitPercentVolume = combustibleLimitPercentVolume;
            OxygenEnriched = oxygenEnriched;
            Mine = mine;
        }

        public string PermitId { get; }
        public PermitKind Kind { get; }

        /// <summary>特级, 一级, 二级 as "special", "1", "2".</summary>
        public string Grade { get; }

        public string ZoneId { get; }
        public string[] MachineCodes { get; }
        public string[] WelderIds { get; }
        public string[] EntrantIds { get; }
        public string AttendantId { get; }
        public long ValidFromUtcMs { get; }
        public long ValidToUtcMs { get; }

        /// <summary>When the pre-work gas analysis was taken (GB 30871: ≤ 30 min before work starts).</summary>
        public long GasAnalysisUtcMs { get; }

        /// <summary>Gas code of the combustible present (GasTable), e.g. CH4, C3H8.</summary>
        public string CombustibleGas { get; }

        /// <summary>The effective combustible limit in %vol (never looser than GB 30871 / the mine rule).</summary>
        public double CombustibleLimitPercentVolume { get; }

        /// <summary>Confined space in an oxygen-enriched process: O2 may reach 23.5 %vol.</summary>
        public bool OxygenEnriched { get; }

        /// <summary>Underground hot work: CH4 ≤ 0.5 % at the work point (煤矿安全规程).</summary>
        public bool Mine { get; }

        public bool NamesMachine(string code) { return Contains(MachineCodes, code); }
        public bool NamesWelder(string welderId) { return Contains(WelderIds, welderId); }
        public bool NamesEntrant(string id) { return Contains(EntrantIds, id); }

        public bool IsValidAt(long utcMs) { return utcMs >= ValidFromUtcMs && utcMs < ValidToUtcMs; }

        private static bool Contains(string[] list, string s)
        {
            if (list == null) return false;
            for (int i = 0; i < list.Length; i++)
            {
                if (list[i] == s) return true;
            }
            return false;
        }
    }
}
