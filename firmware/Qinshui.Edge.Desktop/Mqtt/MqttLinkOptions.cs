using System.Security.Cryptography.X509Certificates;

namespace Qinshui.Edge.Desktop.Mqtt;

/// <summary>Connection settings of the desktop MQTT link (built, then validated in one place).</summary>
public sealed class MqttLinkOptions
{
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 1883;
    public string ClientId { get; set; } = "";
    public string? Username { get; set; }
    public string? Password { get; set; }
    /// <summary>TLS with this CA as the only trust anchor (the broker's certificate must chain to it).</summary>
    public X509Certificate2? TrustedCa { get; set; }
    /// <summary>Per-gateway client certificate (with its private key) for mutual TLS.</summary>
    public X509Certificate2? ClientCertificate { get; set; }
    public string? TlsTargetHost { get; set; }
    public string CommandTopic { get; set; } = "";
    public string WillTopic { get; set; } = "";
    public byte[] WillPayload { get; set; } = [];
    public int ReconnectDelayMs { get; set; } = 500;
    public int KeepAliveSeconds { get; set; } = 15;
    /// <summary>Publishes queued but not yet sent; beyond it Publish returns 0 and the pump retries.</summary>
    public int MaxQueued { get; set; } = 256;
    /// <summary>
    /// Publishes sent and awaiting their PUBACK at once. The core's session keeps its own window (8 on
    /// the ESP32) and never hands over more than that of journal data; live messages come on top.
    /// </summary>
    public int MaxInFlight { get; set; } = 16;
    /// <summary>Received messages held for TryReceive, per lane (<see cref="CommandInbox"/>); beyond it new ones are dropped and counted.</summary>
    public int MaxReceived { get; set; } = 64;
    /// <summary>The gateway's HMAC key: commands it authenticates get their own lane, so junk cannot crowd them out. Null: one lane.</summary>
    public byte[]? CommandKey { get; set; }

    public void Validate()
    {
        if (string.IsNullOrEmpty(Host)) throw new ArgumentException("MQTT host is required");
        if (Port is < 1 or > 65535) throw new ArgumentException("MQTT port must be 1..65535");
        if (string.IsNullOrEmpty(ClientId)) throw new ArgumentException("MQTT client id is required");
        if (ClientCertificate != null && TrustedCa == null) throw new ArgumentException("a client certificate needs TLS: set TrustedCa");
        if (MaxQueued < 1) throw new ArgumentException("MaxQueued must be at least 1");
        if (MaxInFlight < 1) throw new ArgumentException("MaxInFlight must be at least 1");
    }
}
