namespace Qinshui.Edge.Core.Welding
{
    /// <summary>
    /// Watches a station's machine identity (电焊机"加芯赋码") for signs of modification: a code
    /// other than the station's expected one, or (without one) a code other than the last seen.
    /// A suspicion latches: the machine stays locked whatever code it shows later (a chip swapped
    /// back proves nothing) until an authorised person clears it at the station — a safety
    /// officer's card tapped while the machine shows its registered code — which is an event.
    /// Allocates nothing.
    /// </summary>
    public sealed class MachineIdentityWatch
    {
        private readonly string _expectedCode;
        private string _lastCode;

        public MachineIdentityWatch(string expectedCode)
        {
            _expectedCode = expectedCode != null && expectedCode.Length > 0 ? expectedCode : null;
        }

        /// <summary>True from a suspected modification until an authorised clearance.</summary>
        public bool IsSuspected { get; private set; }

        /// <summary>The code that raised the suspicion.</summary>
        public string SuspectCode { get; private set; }

        /// <summary>Looks at the identity read this step; true when this raised a new suspicion (report it once).</summary>
        public bool Observe(bool readable, string code)
        {
            if (!readable) return false;
            bool changed = _expectedCode != null ? code != _expectedCode : _lastCode != null && code != _lastCode;
            if (_expectedCode == null && !IsSuspected) _lastCode = code;
            if (!changed || IsSuspected) return false;
            Suspect(code);
            return true;
        }

        /// <summary>A change seen elsewhere (mid-session identity change): latch the suspicion.</summary>
        public void Suspect(string code)
        {
            IsSuspected = true;
            SuspectCode = code;
        }

        /// <summary>
        /// An authorised clearance: accepted only while the machine shows the code it should
        /// (the expected one, or the one before the suspicion). True when cleared.
        /// </summary>
        public bool TryClear(bool readable, string code)
        {
            if (!IsSuspected || !readable) return false;
            string good = _expectedCode != null ? _expectedCode : _lastCode;
            if (good != null && code != good) return false;
            IsSuspected = false;
            SuspectCode = null;
            _lastCode = code;
            return true;
        }
    }
}
