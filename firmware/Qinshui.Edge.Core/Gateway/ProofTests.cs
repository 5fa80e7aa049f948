using Qinshui.Edge.Core.Interlocks;
using Qinshui.Edge.Core.Mqtt;

namespace Qinshui.Edge.Core.Gateway
{
    /// <summary>
    /// The ways into the interlock proof test (AQ 1029-2019 / AQ 6201-2019: the methane power cut
    /// is proven every 15 days): the authenticated proof_test command, a local start (the
    /// simulator's timeline, a host console, qedge commission through the command) and the
    /// health figures that say which zones are overdue. The test itself is the zone engine's:
    /// it trips the zone through the same path as a real over-limit, waits for every output's
    /// feedback to confirm the cut, and records started/passed/failed as chained events. The
    /// zone stays latched off afterwards (local reset only), so no ending, passed, failed or
    /// cut short by a power loss, leaves an output energised.
    /// </summary>
    public sealed class ProofTests : IProofTestCommands
    {
        private readonly ZoneEngine _zones;

        /// <summary>Sized at start-up (one reference per zone): the health message lists overdue zones without allocating.</summary>
        private readonly string[] _overdue;

        public ProofTests(ZoneEngine zones)
        {
            _zones = zones;
            _overdue = new string[zones.ZoneCount];
        }

        public ProofTestOutcome RequestProofTest(string zoneId)
        {
            int z = _zones.IndexOfZone(zoneId);
            if (z < 0) return ProofTestOutcome.UnknownZone;
            return _zones.StartProofTest(z);
        }

        /// <summary>A local start (a technician at the gateway): the same checks and events as the command.</summary>
        public ProofTestOutcome StartLocal(string zoneId)
        {
            return RequestProofTest(zoneId);
        }

        /// <summary>
        /// Fills the health figures: how many zones are overdue and which. Overdue means no pass
        /// within the zone's interval, none since boot, or a clock not trusted enough to say.
        /// </summary>
        public void UpdateHealth(HealthFigures health)
        {
            int n = 0;
            for (int z = 0; z < _overdue.Length; z++)
            {
                if (_zones.IsProofTestOverdue(z)) _overdue[n++] = _zones.Config(z).Id;
            }
            for (int i = n; i < _overdue.Length; i++) _overdue[i] = null;
            health.ProofTestsOverdue = n;
            health.ProofTestOverdueZones = _overdue;
        }
    }
}
