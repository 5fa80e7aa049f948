using System.Text;
using System.Text.RegularExpressions;
using Qinshui.Edge.Cli;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Desktop.Platform;
using Qinshui.Edge.Tests.Gateway;

namespace Qinshui.Edge.Tests.Tools;

/// <summary>
/// Issue 18: `config sign` and `config push` print the same hash for the same file, and it is the hash
/// the gateway computes over the body it verifies (push signed the compacted JSON, sign the file as
/// written, so an indented file gave two hashes).
/// </summary>
public sealed class ConfigHashAgreementTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qedge-hash-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void AnIndentedFile_SignedAndPushed_GivesOneHash_TheGatewaysOwn()
    {
        string src = Path.Combine(_dir, "site.json"), dst = Path.Combine(_dir, "site.signed.json");
        File.WriteAllText(src, GatewayFixture.ConfigJson); // indented, as a technician writes it
        var o = new StringWriter();
        var e = new StringWriter();

        int code = CommandLine.Run(["config", "sign", src, "--key", Convert.ToHexString(GatewayFixture.Key), "--counter", "5", "--out", dst], o, e);

        Assert.True(code == 0, e.ToString());
        string printed = Regex.Match(o.ToString(), "sha256 ([0-9a-f]{64})").Groups[1].Value;
        var opened = SignedEnvelope.Open(File.ReadAllBytes(dst), 0, (int)new FileInfo(dst).Length, "config", "gw-01", GatewayFixture.Key, 0, out byte[] body, out _, out _);
        Assert.Equal(EnvelopeOutcome.Accepted, opened);
        Assert.Equal(GatewayConfigReader.HashHex(body, 0, body.Length), printed);
        Assert.Equal(ConfigPush.SignedBody(File.ReadAllBytes(src)).Hash, printed); // what push prints and sends
        Assert.NotEqual(GatewayConfigReader.HashHex(Encoding.UTF8.GetBytes(GatewayFixture.ConfigJson), 0, Encoding.UTF8.GetByteCount(GatewayFixture.ConfigJson)), printed);
    }
}
