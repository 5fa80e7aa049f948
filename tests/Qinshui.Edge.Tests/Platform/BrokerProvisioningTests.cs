using Qinshui.Edge.Desktop;
using Qinshui.Edge.Desktop.Mqtt;
using Qinshui.Edge.Desktop.Platform;

namespace Qinshui.Edge.Tests.Platform;

/// <summary>
/// Issue 15 #9, the files and refusals of `qedge provision broker/operator` and of the tools'
/// --ca/--cert/--key, without a broker (BrokerAclInteropTests runs them on Mosquitto).
/// </summary>
public sealed class BrokerProvisioningTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qedge-bprov-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private BrokerProvisioningOptions Options(string outName = "broker") => new()
    {
        Site = "lab",
        CaDir = Path.Combine(_dir, "ca"),
        OutDir = Path.Combine(_dir, outName),
        Names = ["broker.lab.local"],
    };

    [Fact]
    public void TheConfiguration_RequiresCertificates_UsesThemAsIdentity_AndNamesTheInstalledFiles()
    {
        BrokerProvisioning.Write(Options());
        string conf = File.ReadAllText(Path.Combine(_dir, "broker", "qinshui.conf"));
        Assert.Contains("require_certificate true", conf);
        Assert.Contains("use_identity_as_username true", conf);
        Assert.Contains("allow_anonymous false", conf);
        Assert.Contains("acl_file /etc/mosquitto/qinshui/acl", conf);
        Assert.Contains("listener 8883\n", conf.Replace("\r", ""));
        if (!OperatingSystem.IsWindows())
            Assert.Equal("600", Convert.ToString((int)File.GetUnixFileMode(Path.Combine(_dir, "broker", "broker.key")), 8));
    }

    [Fact]
    public void TheGatewayPatterns_NeverLetAGatewayWriteItsCommandTopicOrReadAnotherKind()
    {
        string acl = BrokerProvisioning.Acl("lab", []);
        var patterns = acl.Split('\n').Where(l => l.StartsWith("pattern ")).ToList();
        Assert.Contains("pattern read qinshui/v1/lab/%u/cmd", patterns);
        Assert.DoesNotContain(patterns, p => p.StartsWith("pattern write") && p.EndsWith("/cmd"));
        Assert.DoesNotContain(patterns, p => p.Contains('#') || p.Contains("/+/"));
        Assert.Single(patterns, p => p.StartsWith("pattern read"));
    }

    [Fact]
    public void AViewerSection_HasNoWriteLine()
    {
        string section = BrokerProvisioning.OperatorSection("lab", new OperatorName("wall", mayCommand: false));
        Assert.Contains("user viewer:wall", section);
        Assert.DoesNotContain("topic write", section);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tech 1")]
    [InlineData("a:b")]
    [InlineData("x/#")]
    public void AnOperatorName_ThatCouldBeConfusedOrEscapeTheAcl_IsRefused(string name) =>
        Assert.Throws<UsageException>(() => new OperatorName(name, true));

    [Fact]
    public void ABrokerBundle_IsNeverWrittenOverAnother()
    {
        BrokerProvisioning.Write(Options());
        var e = Assert.Throws<UsageException>(() => BrokerProvisioning.Write(Options()));
        Assert.Contains("not empty", e.Message);
    }

    [Theory]
    [InlineData("bad name!", "not a host name")]
    [InlineData("", "not a host name")]
    public void ABrokerName_ThatIsNoHost_IsRefused(string name, string reason)
    {
        var e = Assert.Throws<UsageException>(() => BrokerProvisioning.Write(Options() with { Names = [name] }));
        Assert.Contains(reason, e.Message);
        Assert.False(Directory.Exists(Path.Combine(_dir, "broker")), "nothing is written when the names are wrong");
    }

    [Fact]
    public void AnAclOfAnotherSite_IsNotEdited()
    {
        BrokerProvisioning.Write(Options());
        string acl = Path.Combine(_dir, "broker", "acl");
        string before = File.ReadAllText(acl);
        Assert.Throws<UsageException>(() => BrokerProvisioning.AddOperator(acl, "other", new OperatorName("tech1", true)));
        Assert.Equal(before, File.ReadAllText(acl));
    }

    [Fact]
    public void ToolCredentials_CertWithoutKey_MissingFiles_AndGarbage_AreRefusedWithTheReason()
    {
        var noCa = new OperatorProvisioningOptions { Site = "lab", CaDir = Path.Combine(_dir, "ca0"), OutDir = Path.Combine(_dir, "op"), Operator = new OperatorName("tech1", true) };
        Assert.Contains("holds no site CA", Assert.Throws<UsageException>(() => OperatorProvisioning.Write(noCa)).Message);
        SiteCertificates.LoadOrCreateCa(Path.Combine(_dir, "ca0"), "lab", out _).Dispose();
        var lines = OperatorProvisioning.Write(new OperatorProvisioningOptions
        {
            Site = "lab", CaDir = Path.Combine(_dir, "ca0"), OutDir = Path.Combine(_dir, "op"), Operator = new OperatorName("tech1", true),
        });
        Assert.Contains(lines, l => l.Contains("--cert"));
        string ca = Path.Combine(_dir, "op", "ca.pem"), cert = Path.Combine(_dir, "op", "operator.pem"), key = Path.Combine(_dir, "op", "operator.key");
        Assert.Contains("go together", Assert.Throws<UsageException>(() => BrokerCredentials.Load(ca, cert, null)).Message);
        Assert.Contains("does not exist", Assert.Throws<UsageException>(() => BrokerCredentials.Load(ca + ".x", null, null)).Message);
        Assert.Contains("not a PEM certificate", Assert.Throws<UsageException>(() => BrokerCredentials.Load(key, null, null)).Message);
        Assert.Contains("matching private key", Assert.Throws<UsageException>(() => BrokerCredentials.Load(ca, cert, ca)).Message);
        using var ok = BrokerCredentials.Load(ca, cert, key);
        Assert.True(ok.Client!.HasPrivateKey);
        Assert.Equal("operator:tech1", ok.Client.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false));
    }
}
