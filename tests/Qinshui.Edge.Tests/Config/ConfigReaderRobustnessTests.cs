using System.Text;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Validation;
using Qinshui.Edge.Desktop.Config;

namespace Qinshui.Edge.Tests.Config;

/// <summary>Issue 15 #6: the cases the attack run found; every reader answers with errors and paths, none throws.</summary>
public class ConfigReaderRobustnessTests
{
    private const string Minimal = "{\"schemaVersion\":1,\"site\":{\"id\":\"lab\"},\"gateway\":{\"id\":\"gw-1\"},\"channels\":[{\"id\":\"ch1\",\"profile\":\"MINE_CH4_FACE\"}]}";

    public static TheoryData<string> Hostile => new()
    {
        "[]", "42", "null", "\"text\"", "true", "[{\"channels\":[]}]",
        "{\"schemaVersion\":1,\"schemaVersion\":1,\"site\":{\"id\":\"lab\"},\"gateway\":{\"id\":\"gw-1\"},\"channels\":[]}",
        "{\"schemaVersion\":1,\"site\":{\"id\":\"lab\",\"id\":\"lab2\"},\"gateway\":{\"id\":\"gw-1\"},\"channels\":[{\"id\":\"ch1\",\"profile\":\"MINE_CH4_FACE\",\"levels\":[{\"threshold\":\"1 %vol\"}]}]}",
        "{\"schemaVersion\":1}", "{\"schemaVersion\":1,\"site\":null,\"gateway\":null}", "{\"schemaVersion\":1,\"site\":{},\"gateway\":{}}",
        "{\"schemaVersion\":1,\"site\":{\"id\":\"lab\"},\"gateway\":{\"id\":\"gw-1\"},\"channels\":[null,1,[]]}",
        "{\"schemaVersion\":1,\"site\":{\"id\":\"lab\"},\"gateway\":{\"id\":\"gw-1\"},\"channels\":[{\"id\":\"ch1\",\"profile\":\"MINE_CH4_FACE\",\"levels\":[null,{},{\"threshold\":\"x ppm\"}]}]}",
        "{\"schemaVersion\":1,\"site\":{\"id\":\"lab\"},\"gateway\":{\"id\":\"gw-1\"},\"buses\":[{\"id\":\"b\",\"devices\":[null,{\"profile\":null},{\"profile\":\"nope\"}]}]}",
        "{\"schemaVersion\":1,\"site\":{\"id\":\"lab\"},\"gateway\":{\"id\":\"gw-1\"},\"interlocks\":{\"zones\":[{\"id\":\"z\"}],\"outputs\":[null]}}",
        "{\"schemaVersion\":1,\"site\":{\"id\":\"lab\"},\"gateway\":{\"id\":\"gw-1\"},\"welding\":{\"stations\":[{}],\"welders\":[null],\"machines\":[{}]}}",
        "{\"schemaVersion\":1,\"site\":{\"id\":\"lab\"},\"gateway\":{\"id\":\"gw-1\"},\"linuxHost\":{\"analogInputs\":{\"a\":null},\"cardReaders\":[]}}",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void TheDesktopValidator_RefusesWithErrors_NeverThrows(string json)
    {
        var loaded = ConfigFiles.LoadBytes("hostile.json", Encoding.UTF8.GetBytes(json));
        Assert.Null(loaded.Config);
        Assert.True(loaded.Errors.HasErrors);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void TheDeviceReader_RefusesWithErrors_NeverThrows(string json)
    {
        var errors = new ValidationErrors();
        byte[] b = Encoding.UTF8.GetBytes(json);
        Assert.Null(GatewayConfigReader.Read(b, 0, b.Length, errors));
        Assert.True(errors.HasErrors);
    }

    [Fact]
    public void ADuplicateKey_IsRefusedSayingWhichAndWhere()
    {
        byte[] b = Encoding.UTF8.GetBytes(Minimal.Replace("\"gateway\":{\"id\":\"gw-1\"}", "\"gateway\":{\"id\":\"gw-1\",\"id\":\"gw-2\"}"));
        var loaded = ConfigFiles.LoadBytes("dup.json", b);
        Assert.Null(loaded.Config);
        Assert.Contains(ConfigFiles.All(loaded.Errors), e => e.English.Contains("duplicate member \"id\"") && e.English.Contains("byte"));
    }

    [Fact]
    public void InvalidUtf8_IsRefusedWithAnError()
    {
        byte[] b = Encoding.UTF8.GetBytes(Minimal.Replace("\"lab\"", "\"l\u00e9b\""));
        int at = Array.IndexOf(b, (byte)0xC3);
        b[at + 1] = 0x28; // C3 28: not UTF-8
        var loaded = ConfigFiles.LoadBytes("utf8.json", b);
        Assert.Null(loaded.Config);
        Assert.True(loaded.Errors.HasErrors);
    }

    [Fact]
    public void TheMinimalConfiguration_StillPasses()
    {
        var loaded = ConfigFiles.LoadBytes("ok.json", Encoding.UTF8.GetBytes(Minimal));
        Assert.NotNull(loaded.Config);
    }
}
