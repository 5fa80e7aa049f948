using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Interlocks;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Tests.Memory;

/// <summary>What the runtime keeps after start-up: only what it reports later.</summary>
public class BootRetentionTests
{
    [Fact]
    public void Runtime_KeepsNoZoneWarnings_TheValidatorStillGivesThem()
    {
        var config = ExampleGateways.Read(ExampleGateways.MineHeadingJson());
        var errors = new ValidationErrors();
        ZoneValidator.Validate(config.Interlocks, config.Channels, "interlocks", errors);
        Assert.False(errors.HasErrors);
        Assert.True(errors.Count > 0, "the example has zone warnings (else this test proves nothing)");

        var runtime = ExampleGateways.Build(config, 8, 2048);
        Assert.Equal(0, runtime.Zones.ConfigErrors.Count);
        Assert.True(runtime.IsOperational);
    }
}
