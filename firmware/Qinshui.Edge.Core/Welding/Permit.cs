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

        /// <summary>
        /// True once the window was carried onto the monotonic clock (the first look at it with a
        /// trusted clock): from then on a clock set back cannot stretch it.
        /// </summary>
        public bool IsAnchored { get; private set; }

        /// <summary>The window's start and end on the monotonic clock (valid once anchored).</summary>
        public long ValidFromMonotonicMs { get; private set; }
        public long ValidToMonotonicMs { get; private set; }

        private long _anchorUtcMs;
        private long _anchorMonotonicMs;

        /// <summary>
        /// Carries the window onto the monotonic clock, once: the end computed now stays the end
        /// whatever the wall clock does later (ARCHITECTURE.md, safety principle 4). Call it only
        /// with a trusted wall clock.
        /// </summary>
        public void Anchor(long utcMs, long monotonicMs)
        {
            if (IsAnchored) return;
            IsAnchored = true;
            _anchorUtcMs = utcMs;
            _anchorMonotonicMs = monotonicMs;
            ValidFromMonotonicMs = monotonicMs + (ValidFromUtcMs - utcMs);
            ValidToMonotonicMs = monotonicMs + (ValidToUtcMs - utcMs);
        }

        /// <summary>
        /// Inside the window on both clocks: the wall clock (a jump forward ends it) and, once
        /// anchored, the monotonic clock (a jump back does not extend it). Not anchored: never valid.
        /// </summary>
        public bool IsValidAt(long utcMs, long monotonicMs)
        {
            if (utcMs < ValidFromUtcMs || utcMs >= ValidToUtcMs || !IsAnchored) return false;
            return monotonicMs >= ValidFromMonotonicMs && monotonicMs < ValidToMonotonicMs;
        }

        /// <summary>True when the window has ended on either clock.</summary>
        public bool HasEnded(long utcMs, long monotonicMs)
        {
            return utcMs >= ValidToUtcMs || (IsAnchored && monotonicMs >= ValidToMonotonicMs);
        }

        /// <summary>Time to the end of the window: the shorter of the two clocks' views.</summary>
        public long RemainingMs(long utcMs, long monotonicMs)
        {
            long wall = ValidToUtcMs - utcMs;
            if (!IsAnchored) return wall;
            long mono = ValidToMonotonicMs - monotonicMs;
            return mono < wall ? mono : wall;
        }

        /// <summary>Age of the gas analysis: the older of the two clocks' views (a set-back never makes it fresher).</summary>
        public long GasAnalysisAgeMs(long utcMs, long monotonicMs)
        {
            long wall = utcMs - GasAnalysisUtcMs;
            if (!IsAnchored) return wall;
            long mono = (_anchorUtcMs - GasAnalysisUtcMs) + (monotonicMs - _anchorMonotonicMs);
            return mono > wall ? mono : wall;
        }

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
