namespace Qinshui.Edge.Core.Device
{
    /// <summary>Result of checking a stored configuration envelope. Every refusal has a code and a sentence.</summary>
    public enum ConfigCheck
    {
        Ok = 0,
        Missing = 1,
        TooShort = 2,
        BadMagic = 3,
        UnsupportedVersion = 4,
        LengthMismatch = 5,
        /// <summary>Torn write or flash corruption: the bytes are not what was stored.</summary>
        CrcMismatch = 6,
        /// <summary>Not signed with this gateway's key: not from the operator's tool, or altered.</summary>
        HmacMismatch = 7,
        /// <summary>Authentic, but the content does not validate (JSON, pins, limits).</summary>
        Invalid = 8,
    }

    public static class ConfigCheckText
    {
        public static string Code(ConfigCheck c)
        {
            switch (c)
            {
                case ConfigCheck.Ok: return "ok";
                case ConfigCheck.Missing: return "config_missing";
                case ConfigCheck.TooShort: return "config_truncated";
                case ConfigCheck.BadMagic: return "config_not_an_envelope";
                case ConfigCheck.UnsupportedVersion: return "config_version_unsupported";
                case ConfigCheck.LengthMismatch: return "config_truncated";
                case ConfigCheck.CrcMismatch: return "config_corrupt";
                case ConfigCheck.HmacMismatch: return "config_unauthenticated";
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
                case ConfigCheck.TooShort:
                case ConfigCheck.LengthMismatch: return "The stored configuration is truncated.";
                case ConfigCheck.BadMagic: return "The stored file is not a signed configuration envelope.";
                case ConfigCheck.UnsupportedVersion: return "The configuration envelope version is not supported by this firmware.";
                case ConfigCheck.CrcMismatch: return "The stored configuration is corrupt (CRC mismatch).";
                case ConfigCheck.HmacMismatch: return "The configuration is not signed with this gateway's key.";
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
                case ConfigCheck.TooShort:
                case ConfigCheck.LengthMismatch: return "存储的配置不完整。";
                case ConfigCheck.BadMagic: return "存储的文件不是已签名的配置包。";
                case ConfigCheck.UnsupportedVersion: return "本固件不支持该配置包版本。";
                case ConfigCheck.CrcMismatch: return "存储的配置已损坏（CRC 不符）。";
                case ConfigCheck.HmacMismatch: return "配置未使用本网关的密钥签名。";
                case ConfigCheck.Invalid: return "配置校验未通过。";
                default: return "未知的配置检查结果。";
            }
        }
    }
}
