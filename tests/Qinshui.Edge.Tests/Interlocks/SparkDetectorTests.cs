using Qinshui.Edge.Core.Interlocks;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Tests.Interlocks;

/// <summary>
/// Issue 13 #12: spark detection is a named input kind of the dust collector (GB 15577-2018),
/// not an E-stop stand-in. Input "spark" is inverted (normally closed): contact open = spark.
/// </summary>
public sealed class SparkDetectorTests
{
    private static ZoneHarness WithSparkDetector()
    {
        var h = new ZoneHarness(c => c.Zones[0].Collector!.SparkDetectorInputId = "spark");
        h.BringUp();
        return h;
    }

    [Fact]
    public void ASpark_CutsTheZone_WithItsOwnCause_AndLatchesUntilALocalResetAfterItClears()
    {
        var h = WithSparkDetector();
        h.SparkContact.Active = false; // contact opens: spark
        h.Run(1000);

        Assert.False(h.Engine.State(h.Bay).Permitted);
        Assert.False(h.Relay1.Energised);
        Assert.Equal("spark_detected:spark", h.Describe(h.Bay));
        Assert.True(h.Engine.HasLatched(h.Bay, ConditionKind.SparkDetected));
        Assert.Equal(1.0, h.Engine.CauseValue(h.Bay, 0));
        Assert.Equal(ZoneResetOutcome.CausePersists, h.Engine.RequestLocalReset(h.Bay));

        h.SparkContact.Active = true; // clears
        h.Run(61_000);
        Assert.False(h.Engine.State(h.Bay).Permitted);
        Assert.Equal(ZoneResetOutcome.LocalResetRequired, h.Engine.RequestRemoteReset(h.Bay));
        Assert.Equal(ZoneResetOutcome.Accepted, h.Engine.RequestLocalReset(h.Bay));
        h.Run(1000);
        Assert.True(h.Engine.State(h.Bay).Permitted);
    }

    [Fact]
    public void AnUnreadableSparkInput_CountsAsASpark()
    {
        var h = WithSparkDetector();
        h.SparkContact.Readable = false;
        h.Run(1000);

        Assert.False(h.Relay1.Energised);
        Assert.Equal("spark_detected:spark", h.Describe(h.Bay));
        Assert.True(double.IsNaN(h.Engine.CauseValue(h.Bay, 0)));
    }

    [Fact]
    public void WithoutASparkDetector_TheOpenSparkContact_IsIgnored()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.SparkContact.Active = false;
        h.Run(1000);
        Assert.True(h.Engine.State(h.Bay).Permitted);
    }

    [Fact]
    public void TheSparkCause_HasEnglishChineseAndItsStandard()
    {
        Assert.Equal("spark_detected", Conditions.Code(ConditionKind.SparkDetected));
        Assert.Contains("spark", Conditions.English(ConditionKind.SparkDetected));
        Assert.Contains("火花", Conditions.Chinese(ConditionKind.SparkDetected));
        Assert.Contains("GB 15577", Conditions.Standard(ConditionKind.SparkDetected));
    }

    [Theory]
    [InlineData("spark_missing", false, "unknown_input")]
    [InlineData("spark", false, "not_fail_safe")]
    public void TheValidator_RefusesAnUnknownOrNotFailSafeSparkInput_WithItsPath(string id, bool inverted, string code)
    {
        var h = new ZoneHarness(c =>
        {
            c.Zones[0].Collector!.SparkDetectorInputId = id;
            c.Inputs[9].Inverted = inverted;
        });
        var channels = Enumerable.Range(0, h.Alarms.ChannelCount).Select(h.Alarms.CopyConfig).ToArray();
        var errors = new ValidationErrors();
        ZoneValidator.Validate(h.Config, channels, "interlocks", errors);
        var lines = Enumerable.Range(0, errors.Count).Select(i => errors[i]).Where(e => !e.IsWarning).Select(e => e.Path + " " + e.Code).ToList();
        Assert.Equal(new[] { "interlocks.zones[0].collector.sparkDetectorInputId " + code }, lines);
    }
}
