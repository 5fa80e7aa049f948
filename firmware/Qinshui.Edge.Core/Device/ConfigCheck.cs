using Qinshui.Edge.Core.Config;

namespace Qinshui.Edge.Core.Device
{
    /// <summary>Result of checking a stored configuration (a signed "config" envelope). Every refusal has a code and a sentence.</summary>
    public enum ConfigCheck
    {
        Ok = 0,
        Missing = 1,
        /// <summary>Not a signed envelope: not JSON, a member missing, or cut short by a torn write.</summary>
        Malformed = 2,
        UnsupportedVersion = 3,
        /// <summary>The MAC does not verify with this gateway's key: not from the operator's tool, altered, or corrupted on flash.</summary>
        Unauthenticated = 4,
        /// <summary>A signed permit or registry, not a configuration.</summary>
        WrongType = 5,
        /// <summary>Signed for another gateway (the envelope's or the body's gateway id).</summary>
        WrongGateway = 6,
        /// <summary>Its counter is not above the last configuration this gateway accepted: an older configuration (rollback).</summary>
        Replayed = 7,
        /// <summary>Authentic, but the content does not validate (GatewayConfigReader, or the board cannot carry it).</summary>
        Invalid = 8,
    }

    public static class ConfigCheckText
    {
        /// <summary>The check for an envelope outcome (Accepted → Ok).</summary>
        public static ConfigCheck FromEnvelope(EnvelopeOutcome o)
        {
            switch (o)
            {
                case EnvelopeOutcome.Accepted: return ConfigCheck.Ok;
                case EnvelopeOutcome.UnsupportedVersion: return ConfigCheck.UnsupportedVersion;
                case EnvelopeOutcome.BadSignature: return ConfigCheck.Unauthenticated;
                case EnvelopeOutcome.WrongType: return ConfigCheck.WrongType;
                case EnvelopeOutcome.WrongGateway: return ConfigCheck.WrongGateway;
                case EnvelopeOutcome.Replayed: return ConfigCheck.Replayed;
                default: return ConfigCheck.Malformed;
            }
        }

        public static string Code(ConfigCheck c)
        {
            switch (c)
            {
                case ConfigCheck.Ok: return "ok";
                case ConfigCheck.Missing: return "config_missing";
                case ConfigCheck.Malformed: return "config_malformed";
                case ConfigCheck.UnsupportedVersion: return "config_version_unsupported";
                case ConfigCheck.Unauthenticated: return "config_unauthenticated";
                case ConfigCheck.WrongType: return "config_wrong_type";
                case ConfigCheck.WrongGateway: return "config_wrong_gateway";
                case ConfigCheck.Replayed: return "config_rollback";
                case ConfigCheck.Invalid: return "config_invalid";
                default: return "unknown";
            }
        }

        public static string English(ConfigCheck c)
        {
            switch (c)
            {
                case ConfigCheck.Ok: return "Configuration verified.";
                case ConfigCheck.Missing: return "No configuration is stored on the gateway.";
                case ConfigCheck.Malformed: return "The stored file is not a complete signed configuration (not produced by qedge config sign, or cut short).";
                case ConfigCheck.UnsupportedVersion: return "The signed envelope version is not supported by this firmware.";
                case ConfigCheck.Unauthenticated: return "The configuration is not signed with this gateway's key, or it was altered.";
                case ConfigCheck.WrongType: return "The signed document is not a configuration.";
                case ConfigCheck.WrongGateway: return "The configuration is signed for another gateway.";
                case ConfigCheck.Replayed: return "The configuration is older than the one already accepted (its counter is not higher).";
                case ConfigCheck.Invalid: return "The configuration does not validate.";
                default: return "Unknown configuration check result.";
            }
        }

        public static string Chinese(ConfigCheck c)
        {
            switch (c)
            {
                case ConfigCheck.Ok: return "配置已验证。";
                case ConfigCheck.Missing: return "网关上没有存储配置。";
                case ConfigCheck.Malformed: return "存储的文件不是完整的签名配置（不是 qedge config sign 生成的，或不完整）。";
                case ConfigCheck.UnsupportedVersion: return "本固件不支持该签名文档版本。";
                case ConfigCheck.Unauthenticated: return "配置未使用本网关的密钥签名，或已被篡改。";
                case ConfigCheck.WrongType: return "该签名文档不是配置。";
                case ConfigCheck.WrongGateway: return "该配置是为其他网关签名的。";
                case ConfigCheck.Replayed: return "该配置比已接受的配置旧（计数器未增加）。";
                case ConfigCheck.Invalid: return "配置校验未通过。";
                default: return "未知的配置检查结果。";
            }
        }
    }
}
