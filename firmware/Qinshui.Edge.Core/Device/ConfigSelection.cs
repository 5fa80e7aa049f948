using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Core.Device
{
    /// <summary>
    /// Chooses the configuration to run at boot from two stored files, both exactly what
    /// <c>qedge config sign</c> produces (a <see cref="SignedEnvelope"/> of type "config"):
    /// the candidate (newly pushed) when it verifies with the gateway key, is for this gateway,
    /// is newer than the last configuration accepted, validates (<see cref="GatewayConfigReader"/>)
    /// and the host can carry it; otherwise the last good one when it does; otherwise none.
    /// A bad candidate never replaces a good configuration, and every refusal keeps its reason.
    /// The envelope's MAC covers the exact body bytes, so a torn or corrupted file is refused
    /// (malformed or unauthenticated) without a separate CRC.
    /// </summary>
    public sealed class ConfigSelection
    {
        private ConfigSelection() { }

        public ConfigSource Source { get; private set; }
        public ConfigCheck CandidateCheck { get; private set; }
        public ConfigCheck LastGoodCheck { get; private set; }

        /// <summary>Content errors of the candidate (when CandidateCheck is Invalid).</summary>
        public ValidationErrors CandidateErrors { get; private set; }
        public ValidationErrors LastGoodErrors { get; private set; }

        /// <summary>The chosen configuration (null when Source is None).</summary>
        public GatewayConfig Config { get; private set; }

        /// <summary>The chosen file as stored (the signed envelope), its body, counter and issue time.</summary>
        public byte[] Envelope { get; private set; }
        public byte[] Body { get; private set; }
        public long Counter { get; private set; }
        public long IssuedUtcMs { get; private set; }

        /// <summary>The reason to report when running without the candidate (code of the first refusal).</summary>
        public ConfigCheck Reason
        {
            get
            {
                if (Source == ConfigSource.Candidate) return ConfigCheck.Ok;
                if (CandidateCheck != ConfigCheck.Missing) return CandidateCheck;
                return Source == ConfigSource.LastGood ? ConfigCheck.Missing : LastGoodCheck;
            }
        }

        /// <param name="lastAcceptedCounter">Counter of the last configuration this gateway accepted (persisted boot state), 0 for none.
        /// The last good file must carry at least this counter, a candidate more than both it and the last good file's.</param>
        /// <param name="hostCheck">The host's own check (the board can carry it), or null.</param>
        public static ConfigSelection Choose(byte[] candidate, byte[] lastGood, string gatewayId, byte[] key, long lastAcceptedCounter,
            ConfigContentCheck hostCheck)
        {
            ConfigSelection s = new ConfigSelection();
            s.CandidateErrors = new ValidationErrors();
            s.LastGoodErrors = new ValidationErrors();

            GatewayConfig goodConfig;
            byte[] goodBody;
            long goodCounter, goodIssued;
            s.LastGoodCheck = Check(lastGood, gatewayId, key, lastAcceptedCounter - 1, hostCheck, s.LastGoodErrors,
                out goodConfig, out goodBody, out goodCounter, out goodIssued);

            long floor = lastAcceptedCounter;
            if (s.LastGoodCheck == ConfigCheck.Ok && goodCounter > floor) floor = goodCounter;
            GatewayConfig config;
            byte[] body;
            long counter, issued;
            s.CandidateCheck = Check(candidate, gatewayId, key, floor, hostCheck, s.CandidateErrors, out config, out body, out counter, out issued);
            if (s.CandidateCheck == ConfigCheck.Ok)
            {
                s.Take(ConfigSource.Candidate, candidate, config, body, counter, issued);
            }
            else if (s.LastGoodCheck == ConfigCheck.Ok)
            {
                s.Take(ConfigSource.LastGood, lastGood, goodConfig, goodBody, goodCounter, goodIssued);
            }
            return s;
        }

        /// <summary>Verifies and validates one stored file.</summary>
        public static ConfigCheck Check(byte[] envelope, string gatewayId, byte[] key, long lastCounter, ConfigContentCheck hostCheck,
            ValidationErrors errors, out GatewayConfig config, out byte[] body, out long counter, out long issuedUtcMs)
        {
            config = null;
            body = null;
            counter = 0;
            issuedUtcMs = 0;
            if (envelope == null || envelope.Length == 0) return ConfigCheck.Missing;
            EnvelopeOutcome o = SignedEnvelope.Open(envelope, 0, envelope.Length, "config", gatewayId, key, lastCounter,
                out body, out counter, out issuedUtcMs);
            if (o != EnvelopeOutcome.Accepted) return ConfigCheckText.FromEnvelope(o);
            config = ConfigPipeline.Read(body, 0, body.Length, null, errors);
            if (config == null) return ConfigCheck.Invalid;
            if (config.GatewayId != gatewayId)
            {
                errors.Error("gateway.id", "wrong_gateway", "the configuration is for gateway '" + config.GatewayId + "', this is '" + gatewayId + "'",
                    "该配置属于网关 '" + config.GatewayId + "'，本网关是 '" + gatewayId + "'");
                config = null;
                return ConfigCheck.WrongGateway;
            }
            ConfigPipeline.CheckBoardAndHost(config, null, hostCheck, errors);
            if (errors.HasErrors)
            {
                config = null;
                return ConfigCheck.Invalid;
            }
            return ConfigCheck.Ok;
        }

        private void Take(ConfigSource source, byte[] envelope, GatewayConfig config, byte[] body, long counter, long issued)
        {
            Source = source;
            Envelope = envelope;
            Config = config;
            Body = body;
            Counter = counter;
            IssuedUtcMs = issued;
        }
    }
}
