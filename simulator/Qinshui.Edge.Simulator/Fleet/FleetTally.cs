namespace Qinshui.Edge.Simulator.Fleet;

/// <summary>
/// What the platform received in a fleet run, counted against the measured window [start, end):
/// a reading counts when its sample time lies in the window, whenever it arrived (the gateways keep
/// publishing for a drain period after it). The verdict comes from the whole window and from its
/// worst 10 s slice, so a stall half-way through fails the run even when the start was fine.
/// Not thread-safe: the platform client calls it under its lock.
/// </summary>
public sealed class FleetTally
{
    public const int SliceSeconds = 10;

    private readonly long _startUtcMs;
    private readonly long _endUtcMs;
    private readonly long[] _perSecond;
    private readonly long[] _perGateway;

    public FleetTally(int gateways, int channels, long startUtcMs, long endUtcMs)
    {
        if (endUtcMs <= startUtcMs) throw new ArgumentException("the window must not be empty");
        Gateways = gateways;
        Channels = channels;
        _startUtcMs = startUtcMs;
        _endUtcMs = endUtcMs;
        _perSecond = new long[(int)((endUtcMs - startUtcMs + 999) / 1000)];
        _perGateway = new long[gateways];
    }

    public int Gateways { get; }
    public int Channels { get; }
    public double WindowSeconds => (_endUtcMs - _startUtcMs) / 1000.0;

    /// <summary>Every reading in the window: sample → arrival at the platform (includes the 1 s batching).</summary>
    public LagHistogram EndToEnd { get; } = new();

    /// <summary>Per message: its newest reading → arrival (batch closed → journal → MQTT → platform).</summary>
    public LagHistogram Transport { get; } = new();

    public long Readings { get; private set; }
    public long Messages { get; private set; }
    public long OutsideWindow { get; private set; }

    /// <summary>Readings the gateways sampled in the window: each channel once a second.</summary>
    public double Offered => (double)Gateways * Channels * WindowSeconds;

    public double DeliveredShare => Readings / Offered;

    /// <summary>One data message of gateway <paramref name="gateway"/> (0-based) with its readings' sample times.</summary>
    public void AddMessage(int gateway, ReadOnlySpan<long> sampleUtcMs, long arrivedUtcMs)
    {
        long newest = long.MinValue;
        bool any = false;
        foreach (long t in sampleUtcMs)
        {
            if (t < _startUtcMs || t >= _endUtcMs)
            {
                OutsideWindow++;
                continue;
            }
            any = true;
            Readings++;
            _perSecond[(t - _startUtcMs) / 1000]++;
            if ((uint)gateway < (uint)_perGateway.Length) _perGateway[gateway]++;
            EndToEnd.Add(arrivedUtcMs - t);
            if (t > newest) newest = t;
        }
        if (!any) return;
        Messages++;
        Transport.Add(arrivedUtcMs - newest);
    }

    /// <summary>The worst <see cref="SliceSeconds"/> s slice of the window: its delivered share and where it starts.</summary>
    public (double Share, int StartSecond) WorstSlice()
    {
        double perSecond = (double)Gateways * Channels;
        double worst = double.MaxValue;
        int at = 0;
        int slices = Math.Max(1, _perSecond.Length / SliceSeconds);
        for (int s = 0; s < slices; s++)
        {
            long sum = 0;
            int from = s * SliceSeconds;
            int to = Math.Min(_perSecond.Length, from + SliceSeconds);
            for (int i = from; i < to; i++) sum += _perSecond[i];
            double share = sum / (perSecond * (to - from));
            if (share < worst)
            {
                worst = share;
                at = from;
            }
        }
        return (worst, at);
    }

    /// <summary>Gateways that delivered less than <paramref name="share"/> of their own readings.</summary>
    public int GatewaysBelow(double share)
    {
        double own = Channels * WindowSeconds;
        int n = 0;
        foreach (long r in _perGateway) if (r < own * share) n++;
        return n;
    }
}
