namespace Qinshui.Edge.Core.Welding
{
    /// <summary>A certified welder: card UID → identity and special-operations certificate (特种作业操作证, 焊接与热切割).</summary>
    public sealed class WelderRecord
    {
        public WelderRecord(string welderId, string cardUid, string name, string certificateNumber, long certificateExpiryUtcMs)
            : this(welderId, cardUid, name, certificateNumber, certificateExpiryUtcMs, false)
        {
        }

        public WelderRecord(string welderId, string cardUid, string name, string certificateNumber, long certificateExpiryUtcMs, bool safetyOfficer)
        {
            IsSafetyOfficer = safetyOfficer;
            WelderId = welderId;
            CardUid = cardUid;
            Name = name;
            CertificateNumber = certificateNumber;
            CertificateExpiryUtcMs = certificateExpiryUtcMs;
        }

        public string WelderId { get; }
        public string CardUid { get; }
        public string Name { get; }
        public string CertificateNumber { get; }
        public long CertificateExpiryUtcMs { get; }

        /// <summary>
        /// Registered with "role": "safety_officer": may clear a machine suspected of modification
        /// at its station (an authorised local clearance, recorded as an event).
        /// </summary>
        public bool IsSafetyOfficer { get; }
    }
}
