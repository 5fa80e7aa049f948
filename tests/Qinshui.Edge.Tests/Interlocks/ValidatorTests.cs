using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Interlocks;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Tests.Interlocks;

public class ValidatorTests
{
    private static (ValidationErrors Errors, List<string> Lines) Validate(Action<InterlockConfig> change)
    {
        var h = new ZoneHarness(change);
        var channels = Enumerable.Range(0, h.Alarms.ChannelCount).Select(h.Alarms.CopyConfig).ToArray();
        var errors = new ValidationErrors();
        ZoneValidator.Validate(h.Config, channels, "interlocks", errors);
        var lines = Enumerable.Range(0, errors.Count).Select(i => errors[i]).Where(e => !e.IsWarning)
            .Select(e => e.Path + " " + e.Code).ToList();
        return (errors, lines);
    }

    [Fact]
    public void TheHarnessConfiguration_IsValid_WithTheUnsupervisedLinkAsAWarning()
    {
        var (errors, lines) = Validate(_ => { });
        Assert.Empty(lines);
        Assert.True(errors.Contains("link_not_supervised"));
    }

    [Fact]
    public void ReportsEveryError_WithItsPath()
    {
        var (_, lines) = Validate(c =>
        {
            c.Zones[0].SetChannelId(0, "ch_missing");
            c.Zones[0].MonitoringInputId = "nvr_missing";
            c.Zones[0].EmergencyStopInputIds = new[] { "estop", "estop_missing" };
            c.Zones[1].Id = "bay";
            c.Zones[1].OutputIds = new[] { "relay1" };
            c.Outputs[0].FeedbackInputId = "fb_missing";
            c.Inputs[8].Id = "fb1";
            c.Zones[0].Collector!.DpMinPa = double.NaN;
            c.Zones[0].Collector!.HopperTemperatureChannelId = "ch4";
            c.Zones[0].SettleMs = -1;
            c.Zones[0].ProofTestIntervalMs = 30L * 24 * 3600 * 1000;
            c.Zones[1].SetChannels(new[] { new ZoneChannel("ch4_line2", LevelKind.SecondTrip) });
        });
        var expected = new[]
        {
            "interlocks.zones[0].channels[0].channelId unknown_channel",
            "interlocks.zones[0].monitoringInputId unknown_input",
            "interlocks.zones[0].emergencyStopInputIds[1] unknown_input",
            "interlocks.zones[1].id duplicate_id",
            "interlocks.zones[1].outputIds[0] output_shared",
            "interlocks.outputs[0].feedbackInputId unknown_input",
            "interlocks.inputs[8].id duplicate_id",
            "interlocks.outputs[2].feedbackInputId unknown_input", // fb3 was renamed
            "interlocks.zones[0].collector.dpMinPa required",
            "interlocks.zones[0].collector.hopperTemperatureChannelId wrong_unit",
            "interlocks.zones[0].settleMs out_of_range",
            "interlocks.zones[0].proofTestIntervalMs looser_than_standard",
            "interlocks.zones[1].channels[0].permitLevel no_such_level",
        };
        foreach (var e in expected) Assert.Contains(e, lines);
        Assert.True(expected.Length == lines.Count, string.Join("\n", lines));
    }

    [Fact]
    public void MonitoringRequiredWithoutASource_IsAnError()
    {
        var (_, lines) = Validate(c =>
        {
            c.Zones[0].MonitoringInputId = null;
            c.Zones[0].MonitoringHeartbeatTimeoutMs = 0;
        });
        Assert.Equal(new[] { "interlocks.zones[0].monitoringInputId monitoring_missing" }, lines);
    }

    [Fact]
    public void ZoneWithoutOutputs_AndMissingArrays_AreErrors()
    {
        var (_, lines) = Validate(c =>
        {
            c.Zones[1].OutputIds = Array.Empty<string>();
            c.Zones[1].EmergencyStopInputIds = null!;
            c.ScanDeadlineMs = 5000;
        });
        Assert.Contains("interlocks.zones[1].outputIds required", lines);
        Assert.Contains("interlocks.zones[1].emergencyStopInputIds missing", lines);
        Assert.Contains("interlocks.scanDeadlineMs out_of_range", lines);
    }

    [Fact]
    public void OutputOfNoZone_IsAWarning()
    {
        var (errors, lines) = Validate(c => c.Zones[1].OutputIds = new[] { "relay1" });
        Assert.Contains("interlocks.zones[1].outputIds[0] output_shared", lines);
        var w = Enumerable.Range(0, errors.Count).Select(i => errors[i]).Single(e => e.Code == "output_unused");
        Assert.True(w.IsWarning);
        Assert.Equal("interlocks.outputs[2]", w.Path);
    }

    [Fact]
    public void Errors_HaveEnglishAndChinese()
    {
        var (errors, _) = Validate(c => c.Zones[0].OutputIds = new[] { "relayX" });
        var e = Enumerable.Range(0, errors.Count).Select(i => errors[i]).First(x => x.Code == "unknown_output");
        Assert.Contains("relayX", e.English);
        Assert.Contains("relayX", e.Chinese);
    }
}
