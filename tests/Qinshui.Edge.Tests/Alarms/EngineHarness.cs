using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Profiles;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Alarms;

/// <summary>One engine, one fake clock, helpers to feed readings.</summary>
internal sealed class EngineHarness
{
    public EngineHarness(params ChannelConfig[] channels) : this(256, channels)
    {
    }

    public EngineHarness(int transitionCapacity, params ChannelConfig[] channels)
    {
        Engine = new AlarmEngine(channels, transitionCapacity);
    }

    public static EngineHarness ForProfile(string profileId)
    {
        var p = ProfileCatalog.Find(profileId) ?? throw new ArgumentException(profileId);
        return new EngineHarness(ChannelConfig.FromProfile("ch", p));
    }

    public FakeClock Clock { get; } = new();
    public AlarmEngine Engine { get; }

    public void Feed(double value, Quality quality = Quality.Good, int channel = 0)
    {
        var unit = Engine.ChannelUnit(channel);
        Engine.Update(channel, new Reading(value, unit, quality, Clock.MonotonicMs, Clock.UtcMs), Clock.MonotonicMs);
    }

    /// <summary>Advance time by ms, feeding the same value once per second meanwhile.</summary>
    public void Hold(double value, long ms, int channel = 0)
    {
        long end = Clock.MonotonicMs + ms;
        while (Clock.MonotonicMs < end)
        {
            long step = Math.Min(1000, end - Clock.MonotonicMs);
            Clock.Advance(step);
            Feed(value, Quality.Good, channel);
        }
    }

    /// <summary>
    /// Feeds the value now and keeps feeding it once per second for the longest clear hold of any
    /// profile family (ClearHold.MineMs): what a reading must do before a level clears (issue 13 #5).
    /// </summary>
    public void FeedAndHold(double value, int channel = 0)
    {
        Feed(value, Quality.Good, channel);
        Hold(value, ClearHold.MineMs, channel);
    }

    public LevelStatus Status(int level, int channel = 0) => Engine.Status(channel, level);

    public List<AlarmTransition> Drain()
    {
        var list = new List<AlarmTransition>();
        while (Engine.Transitions.TryDequeue(out var t)) list.Add(t);
        return list;
    }
}
