namespace Qinshui.Edge.Core.Welding
{
    /// <summary>One welding session's record: machine, welder, permit, zone, times, arc statistics, stop reason.</summary>
    public sealed class WeldingSession
    {
        public long SessionNumber;
        public string StationId;
        public string MachineCode;
        public string WelderId;
        public string WelderName;
        public string PermitId;
        public string ZoneId;
        public long StartUtcMs;
        public long StopUtcMs;
        public long StartMonotonicMs;
        public long StopMonotonicMs;
        public long ArcOnMs;
        public double MaxCurrentAmps;
        /// <summary>∫ current dt over arc-on time (A·ms), for the mean.</summary>
        public double CurrentIntegralAmpMs;
        public WeldingReason StopReason;

        public long DurationMs { get { return StopMonotonicMs - StartMonotonicMs; } }

        public double MeanCurrentAmps { get { return ArcOnMs > 0 ? CurrentIntegralAmpMs / ArcOnMs : 0; } }

        internal void CopyFrom(WeldingSession s)
        {
            SessionNumber = s.SessionNumber;
            StationId = s.StationId;
            MachineCode = s.MachineCode;
            WelderId = s.WelderId;
            WelderName = s.WelderName;
            PermitId = s.PermitId;
            ZoneId = s.ZoneId;
            StartUtcMs = s.StartUtcMs;
            StopUtcMs = s.StopUtcMs;
            StartMonotonicMs = s.StartMonotonicMs;
            StopMonotonicMs = s.StopMonotonicMs;
            ArcOnMs = s.ArcOnMs;
            MaxCurrentAmps = s.MaxCurrentAmps;
            CurrentIntegralAmpMs = s.CurrentIntegralAmpMs;
            StopReason = s.StopReason;
        }
    }
}
