namespace Qinshui.Edge.Tests.Firmware;

/// <summary>
/// The README's test command must fail when the firmware app does not compile (issue 14): these
/// compile the app and the core against the API stubs of the pinned packages inside the test run.
/// </summary>
public class FirmwareCompilesTests
{
    [Fact]
    public void FirmwareApp_CompilesAgainstThePinnedApiStubs()
    {
        var errors = FirmwareCompiler.CompileApp();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
    }

    [Fact]
    public void AFirmwareTypeError_FailsTheCompile()
    {
        var errors = FirmwareCompiler.CompileApp((path, text) =>
            path.EndsWith("Adapters/WatchdogSupervisor.cs") ? text.Replace("Environment.TickCount64", "\"not a number\"") : text);
        Assert.Contains(errors, e => e.Id == "CS0029" || e.Id == "CS0019" || e.Id == "CS0030");
    }

    [Fact]
    public void ACallToAMemberThePinnedPackageLacks_FailsTheCompile()
    {
        // StopBits.None does not exist in System.IO.Ports 1.1.132 (StopBits.cs): the stub must not offer it.
        var errors = FirmwareCompiler.CompileApp((path, text) =>
            path.EndsWith("Adapters/UartLogSink.cs") ? text.Replace("StopBits.One", "StopBits.None") : text);
        Assert.Contains(errors, e => e.Id == "CS0117");
    }
}
