using Qinshui.Edge.Core.Json;

namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>
    /// What the link went through while it was down, kept in plain fields (no allocation) and sent
    /// in every health message, so failures before the link came up reach the platform once it is up.
    /// </summary>
    public sealed class LinkHealth
    {
        public long Attempts;
        public long Connects;
        public long NoNetwork;
        public long DnsFailures;
        public long Refusals;
        public long TlsFailures;
        public long OtherFailures;
        public LinkFailure LastFailure = LinkFailure.None;
        /// <summary>CONNACK reason code of the last refusal, else 0.</summary>
        public int LastReasonCode;
        /// <summary>Monotonic time of the last failure, -1 when none.</summary>
        public long LastFailureMs = -1;

        public static string Code(LinkFailure f)
        {
            switch (f)
            {
                case LinkFailure.NoNetwork: return "no_network";
                case LinkFailure.Dns: return "dns";
                case LinkFailure.Refused: return "refused";
                case LinkFailure.Tls: return "tls";
                case LinkFailure.Other: return "other";
                default: return "none";
            }
        }

        /// <summary>The "link" object of the health message.</summary>
        public void Write(JsonWriter w)
        {
            w.StartObject("link");
            w.Integer("attempts", Attempts);
            w.Integer("connects", Connects);
            w.Integer("no_network", NoNetwork);
            w.Integer("dns", DnsFailures);
            w.Integer("refused", Refusals);
            w.Integer("tls", TlsFailures);
            w.Integer("other", OtherFailures);
            w.String("last_failure", Code(LastFailure));
            if (LastFailure == LinkFailure.Refused) w.Integer("last_reason_code", LastReasonCode);
            if (LastFailureMs >= 0) w.Integer("last_failure_mono_ms", LastFailureMs);
            w.EndObject();
        }
    }
}
