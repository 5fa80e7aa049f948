using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Crypto;
using Qinshui.Edge.Core.Device;
using Qinshui.Edge.Cli;
using Qinshui.Edge.Desktop.Platform;

namespace Qinshui.Edge.Tests.Tools;

public sealed class ProvisionCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qedge-provision-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private (int Exit, string Out, string Err) Qedge(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int exit = CommandLine.Run(args, o, e);
        return (exit, o.ToString(), e.ToString());
    }

    [Fact]
    public void Provision_CreatesACa_AndAGatewayCertificateThatChainsToIt()
    {
        string ca = Path.Combine(_dir, "ca"), bundle = Path.Combine(_dir, "gw-weld-bay-2");
        var r = Qedge("provision", "--site", "qinshui-coking-1", "--gateway", "gw-weld-bay-2", "--ca-dir", ca, "--out", bundle, "--broker", "mqtt.example.cn:8883");
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains("created site CA", r.Out);

        using var caCert = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(bundle, "ca.pem")));
        using var client = X509Certificate2.CreateFromPemFile(Path.Combine(bundle, "client.pem"), Path.Combine(bundle, "client.key"));
        Assert.True(SiteCertificates.ChainsTo(client, caCert, out var status), status);
        Assert.Equal("gw-weld-bay-2", client.GetNameInfo(X509NameType.SimpleName, false));
        Assert.Equal("1.2.840.10045.2.1", client.PublicKey.Oid.Value); // id-ecPublicKey
        using (var ecdsa = client.GetECDsaPrivateKey()!)
        {
            Assert.Equal(256, ecdsa.KeySize);
            var data = Encoding.UTF8.GetBytes("hello");
            Assert.True(client.GetECDsaPublicKey()!.VerifyData(data, ecdsa.SignData(data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256));
        }
        // A certificate from another CA does not chain to this one.
        using var other = SiteCertificates.LoadOrCreateCa(Path.Combine(_dir, "other-ca"), "other", out _);
        Assert.False(SiteCertificates.ChainsTo(client, other, out _));

        var identity = JsonDocument.Parse(File.ReadAllText(Path.Combine(bundle, "identity.json"))).RootElement;
        Assert.Equal("qinshui-coking-1", identity.GetProperty("site").GetString());
        Assert.Equal("gw-weld-bay-2", identity.GetProperty("gateway").GetString());
        Assert.Equal("mqtt.example.cn", identity.GetProperty("brokerHost").GetString());
        Assert.Equal(32, File.ReadAllBytes(Path.Combine(bundle, "config.key")).Length);
        Assert.Contains("nanoff", File.ReadAllText(Path.Combine(bundle, "README.md")));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(bundle, "client.key")));
    }

    [Fact]
    public void Provision_ReusesTheSiteCa_AndIssuesDistinctKeys()
    {
        string ca = Path.Combine(_dir, "ca");
        Assert.Equal(0, Qedge("provision", "--site", "s1", "--gateway", "gw-a", "--ca-dir", ca, "--out", Path.Combine(_dir, "a")).Exit);
        var r = Qedge("provision", "--site", "s1", "--gateway", "gw-b", "--ca-dir", ca, "--out", Path.Combine(_dir, "b"));
        Assert.Equal(0, r.Exit);
        Assert.Contains("using site CA", r.Out);
        Assert.Equal(File.ReadAllText(Path.Combine(_dir, "a", "ca.pem")), File.ReadAllText(Path.Combine(_dir, "b", "ca.pem")));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(_dir, "a", "config.key")), File.ReadAllBytes(Path.Combine(_dir, "b", "config.key")));
        // A bundle is never overwritten silently.
        Assert.Equal(CommandLine.ExitFailure, Qedge("provision", "--site", "s1", "--gateway", "gw-b", "--ca-dir", ca, "--out", Path.Combine(_dir, "b")).Exit);
    }

    [Fact]
    public void ProvisionedKey_SignsAConfigTheGatewayAccepts()
    {
        string bundle = Path.Combine(_dir, "bundle");
        string example = Repo.Path("hardware", "examples", "welding-bay.json");
        var p = Qedge("provision", "--site", "qinshui-coking-1", "--gateway", "gw-weld-bay-2", "--ca-dir", Path.Combine(_dir, "ca"), "--out", bundle, "--config", example);
        Assert.True(p.Exit == 0, p.Err);
        string signed = Path.Combine(_dir, "signed.json");
        var r = Qedge("config", "sign", example, "--key", "@" + Path.Combine(bundle, "hmac.key"), "--counter", "3", "--out", signed);
        Assert.True(r.Exit == 0, r.Err);

        byte[] key = File.ReadAllBytes(Path.Combine(bundle, "config.key")); // what the device holds
        byte[] env = File.ReadAllBytes(signed);
        Assert.Equal(EnvelopeOutcome.Accepted, SignedEnvelope.Open(env, 0, env.Length, "config", "gw-weld-bay-2", key, 0, out var body, out var counter, out _));
        Assert.Equal(3, counter);
        var errors = new Qinshui.Edge.Core.Validation.ValidationErrors();
        Assert.NotNull(GatewayConfigReader.Read(body, 0, body.Length, errors)); // self-contained: profiles inlined

        byte[] flashed = File.ReadAllBytes(Path.Combine(bundle, "config.json"));
        Assert.Equal(EnvelopeOutcome.Accepted, SignedEnvelope.Open(flashed, 0, flashed.Length, "config", "gw-weld-bay-2", key, 0, out var flashedBody, out _, out _));
        Assert.NotNull(GatewayConfigReader.Read(flashedBody, 0, flashedBody.Length, new Qinshui.Edge.Core.Validation.ValidationErrors()));

        byte[] wrong = RandomNumberGenerator.GetBytes(32);
        Assert.Equal(EnvelopeOutcome.BadSignature, SignedEnvelope.Open(env, 0, env.Length, "config", "gw-weld-bay-2", wrong, 0, out _, out _, out _));
    }

    [Fact]
    public void Provision_RefusesAnInvalidGatewayId()
    {
        Assert.Equal(CommandLine.ExitUsage, Qedge("provision", "--site", "s1", "--gateway", "gw 1", "--ca-dir", Path.Combine(_dir, "ca"), "--out", Path.Combine(_dir, "x")).Exit);
    }
}
