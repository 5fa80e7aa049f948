using Qinshui.Edge.Core.Crypto;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Core.Device
{
    /// <summary>
    /// Chooses the configuration to run at boot: the candidate (newly pushed) when it verifies
    /// (CRC, HMAC) and validates, otherwise the last good one when it does, otherwise none.
    /// A bad candidate never replaces a good configuration, and every refusal keeps its reason.
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

        /// <summary>The chosen envelope and where its payload lies (null when Source is None).</summary>
        public byte[] Envelope { get; private set; }
        public int PayloadOffset { get; private set; }
        public int PayloadLength { get; private set; }

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

        public static ConfigSelection Choose(byte[] candidate, byte[] lastGood, HmacSha256 hmac, ConfigContentCheck content)
        {
            ConfigSelection s = new ConfigSelection();
            s.CandidateErrors = new ValidationErrors();
            s.LastGoodErrors = new ValidationErrors();
            byte[] scratch = new byte[HmacSha256.MacSize];
            int off;
            int len;
            s.CandidateCheck = Check(candidate, hmac, scratch, content, s.CandidateErrors, out off, out len);
            if (s.CandidateCheck == ConfigCheck.Ok)
            {
                s.Take(ConfigSource.Candidate, candidate, off, len);
                s.LastGoodCheck = ConfigCheck.Missing;
                return s;
            }
            s.LastGoodCheck = Check(lastGood, hmac, scratch, content, s.LastGoodErrors, out off, out len);
            if (s.LastGoodCheck == ConfigCheck.Ok) s.Take(ConfigSource.LastGood, lastGood, off, len);
            return s;
        }

        private void Take(ConfigSource source, byte[] envelope, int offset, int length)
        {
            Source = source;
            Envelope = envelope;
            PayloadOffset = offset;
            PayloadLength = length;
        }

        private static ConfigCheck Check(byte[] envelope, HmacSha256 hmac, byte[] scratch, ConfigContentCheck content,
            ValidationErrors errors, out int off, out int len)
        {
            ConfigCheck c = ConfigEnvelope.Verify(envelope, envelope == null ? 0 : envelope.Length, hmac, scratch, out off, out len);
            if (c != ConfigCheck.Ok) return c;
            if (!content(envelope, off, len, errors) || errors.HasErrors) return ConfigCheck.Invalid;
            return ConfigCheck.Ok;
        }
    }
}
