using System.Reflection;
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Memory;
using Qinshui.Edge.Core.Profiles;
using Xunit.Abstractions;

namespace Qinshui.Edge.Tests.Memory;

public class MemoryBudgetTests(ITestOutputHelper output)
{
    private static ChannelConfig[] Build(params (string profile, int count)[] ids)
    {
        var list = new List<ChannelConfig>();
        foreach (var (profile, count) in ids)
        {
            var p = ProfileCatalog.Find(profile);
            Assert.NotNull(p);
            for (int i = 0; i < count; i++) list.Add(ChannelConfig.FromProfile(profile.ToLowerInvariant() + "_" + i, p));
        }
        return list.ToArray();
    }

    /// <summary>
    /// The 32-channel example of docs/memory.md: a coal-mine heading gateway mirroring the KJ
    /// system — methane at face, return, upper corner and intake, CO, O2, H2S and temperature.
    /// </summary>
    public static ChannelConfig[] MineHeading32() => Build(
        ("MINE_CH4_FACE", 8), ("MINE_CH4_RETURN", 6), ("MINE_CH4_UPPER_CORNER", 2), ("MINE_CH4_INTAKE", 2),
        ("MINE_CO", 6), ("MINE_O2", 4), ("MINE_H2S", 2), ("MINE_TEMP_FACE", 2));

    /// <summary>A plant with toxic-gas exposure monitoring: 14 GBZ 2.1 channels with STEL and TWA.</summary>
    public static ChannelConfig[] PlantWithExposure32() => Build(
        ("PLANT_COMBUSTIBLE", 12), ("PLANT_CO", 8), ("PLANT_H2S", 6), ("PLANT_NH3", 6));

    /// <summary>The alarm engine alone (AlarmFootprint) for a channel list, as GatewayRuntime sizes it.</summary>
    public static MemoryBudget AlarmBudget(ChannelConfig[] channels)
    {
        var budget = new MemoryBudget();
        budget.Add(new AlarmFootprint(channels, Qinshui.Edge.Core.Gateway.GatewayRuntime.TransitionCapacityFor(channels)));
        return budget;
    }

    private void Print(string title, MemoryBudget budget)
    {
        output.WriteLine(title);
        for (int i = 0; i < budget.Count; i++)
        {
            var l = budget[i];
            output.WriteLine($"  {l.Part,-8} {l.Item,-48} {l.Bytes,7} B");
        }
        output.WriteLine($"  total {budget.TotalBytes} B, limit {MemoryBudget.DefaultLimitBytes} B");
    }

    [Fact]
    public void ExposureWindows_ScaleWithExposureChannels_AndAreTheLargestPerChannelItem()
    {
        var channels = PlantWithExposure32();
        var withExposure = channels.Count(c => c.HasExposureLevels);
        Assert.Equal(14, withExposure); // 8 PLANT_CO + 6 PLANT_NH3 have STEL/TWA; H2S (MAC) and combustible gas do not
        var b = AlarmBudget(channels);
        Print("plant with STEL/TWA, 32 channels", b);
        var line = Enumerable.Range(0, b.Count).Select(i => b[i]).Single(l => l.Item.StartsWith("STEL/TWA"));
        Assert.Equal(AlarmFootprint.ExposureBytes(channels.Length, withExposure), line.Bytes);
        Assert.Equal(0, AlarmFootprint.ExposureBytes(32, 0)); // no exposure channel, no windows
        // Each exposure channel adds (15 + 1) + (96 + 1) bucket doubles plus its hold state: ≈ 1 KB,
        // the largest per-channel item (a channel without exposure costs ≈ 200 B with its levels).
        int perChannel = AlarmFootprint.ExposureBytes(32, 15) - AlarmFootprint.ExposureBytes(32, 14);
        Assert.InRange(perChannel, (16 + 97) * 8, (16 + 97) * 8 + 100);
        Assert.True(b.TotalBytes > AlarmBudget(MineHeading32()).TotalBytes + withExposure * (16 + 97) * 8);
    }

    [Fact]
    public void TransitionQueue_PackedSlots_AreFarSmallerThanBoxedStructs()
    {
        int packed = AlarmFootprint.TransitionQueueBytes(64);
        int boxed = NanoHeapCosts.StructArray(64, AlarmFootprint.AlarmTransitionFields);
        Assert.True(packed * 3 < boxed, $"packed {packed} B vs boxed {boxed} B");
    }

    [Fact]
    public void NanoHeapCosts_FollowTheHeapBlockLayout()
    {
        Assert.Equal(12 + 3 * 12, NanoHeapCosts.Object(3));
        Assert.Equal(NanoHeapCosts.ArrayHeaderBytes + 8, NanoHeapCosts.PrimitiveArray(5, 1));
        Assert.Equal(NanoHeapCosts.ArrayHeaderBytes + 40, NanoHeapCosts.PrimitiveArray(5, 8));
        Assert.Equal(NanoHeapCosts.ArrayHeaderBytes + 4 * 12, NanoHeapCosts.ReferenceArray(4));
        Assert.Equal(NanoHeapCosts.ArrayHeaderBytes + 2 * (12 + 12 + 2 * 12), NanoHeapCosts.StructArray(2, 2));
    }

    [Theory]
    [InlineData(typeof(AlarmEngine), AlarmFootprint.AlarmEngineFields)]
    [InlineData(typeof(ExposureWindow), AlarmFootprint.ExposureWindowFields)]
    [InlineData(typeof(TransitionQueue), AlarmFootprint.TransitionQueueFields)]
    [InlineData(typeof(StuckDetector), AlarmFootprint.StuckDetectorFields)]
    [InlineData(typeof(AlarmTransition), AlarmFootprint.AlarmTransitionFields)]
    public void FieldCounts_MatchTheRealTypes(Type type, int declared)
    {
        int actual = type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Length;
        Assert.True(declared == actual, $"{type.Name} has {actual} instance fields; AlarmFootprint declares {declared}: update the estimate");
    }
}
