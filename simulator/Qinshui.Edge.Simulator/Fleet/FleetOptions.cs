namespace Qinshui.Edge.Simulator.Fleet;

/// <summary>Which broker a fleet run talks to.</summary>
public enum FleetBrokerKind
{
    /// <summary>A broker already running on this machine (--broker mqtt://127.0.0.1:port).</summary>
    External,
    /// <summary>/usr/sbin/mosquitto started on a free loopback port for the run.</summary>
    Mosquitto,
    /// <summary>The embedded MQTTnet server, in this process.</summary>
    Embedded,
}

/// <summary>What `qedge fleet` was asked for, checked in one place (<see cref="Validate"/>).</summary>
public sealed class FleetOptions
{
    public const int MaxGateways = 5000;

    public int Gateways { get; set; } = 100;
    public int Channels { get; set; } = 16;
    public long DurationMs { get; set; } = 60_000;
    public FleetBrokerKind Broker { get; set; } = FleetBrokerKind.Mosquitto;
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 1883;

    /// <summary>
    /// How often every gateway's scan runs. The device scans every 20 ms; a fleet run measures the
    /// transport of 1 Hz readings, and 2,000 runtimes scanned every 20 ms on one core would measure
    /// the scan instead. 100 ms still closes each 1 s batch within a tenth of a second.
    /// </summary>
    public int ScanMs { get; set; } = 100;

    /// <summary>After the measured window the gateways keep scanning this long so batches sampled in it can arrive.</summary>
    public int DrainMs { get; set; } = 5000;

    /// <summary>Targets of issue 16: share of offered readings delivered, and the transport lag p99.</summary>
    public double MinDeliveredShare { get; set; } = 0.99;
    public long MaxTransportP99Ms { get; set; } = 2000;

    public void Validate()
    {
        if (Gateways is < 1 or > MaxGateways) throw new ArgumentException($"--gateways: 1 to {MaxGateways}");
        if (Channels is < 1 or > 64) throw new ArgumentException("--channels: 1 to 64");
        if (DurationMs is < 5000 or > 600_000) throw new ArgumentException("--duration: 5s to 10min");
        if (ScanMs is < 10 or > 1000) throw new ArgumentException("--scan: 10ms to 1s");
        if (Broker == FleetBrokerKind.External && Host is not ("127.0.0.1" or "localhost"))
            throw new ArgumentException("fleet load stays on this machine: --broker must be 127.0.0.1 or localhost");
    }
}
