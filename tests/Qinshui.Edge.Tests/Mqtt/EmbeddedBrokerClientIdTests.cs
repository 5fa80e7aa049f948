using System.Diagnostics;
using MQTTnet;
using Qinshui.Edge.Desktop.Mqtt;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Mqtt;

/// <summary>
/// A technician's plain `mosquitto_sub -t …` sends no client id: the embedded broker assigns one
/// (MQTT 3.1.1 §3.1.3.1 with a clean session; MQTT 5 returns it in the CONNACK) instead of refusing
/// the connection. (An empty id with a persistent session is refused by both clients before it is sent.)
/// </summary>
public sealed class EmbeddedBrokerClientIdTests
{
    [SkippableTheory]
    [InlineData("mqttv311")]
    [InlineData("mqttv5")]
    public async Task MosquittoSubWithoutAnId_Connects_AndReceives(string protocol)
    {
        string sub = Peers.MosquittoSub;
        await using var broker = await EmbeddedBroker.StartAsync(Peers.FreeTcpPort());
        var factory = new MqttClientFactory();
        using (var pub = factory.CreateMqttClient())
        {
            await pub.ConnectAsync(factory.CreateClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("pub").Build());
            await pub.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("qinshui/v1/s/g/state").WithPayload("{\"state\":\"online\"}").WithRetainFlag().Build());
            await pub.DisconnectAsync();
        }

        var (code, stdout, stderr) = Run(sub, $"-h 127.0.0.1 -p {broker.Port} -V {protocol} -t qinshui/# -C 1 -W 10");

        Assert.True(code == 0, $"mosquitto_sub exit {code}: {stderr}");
        Assert.Contains("\"state\":\"online\"", stdout);
    }

    private static (int Code, string Stdout, string Stderr) Run(string file, string args)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(20_000))
        {
            p.Kill(true);
            return (-1, stdout.Result, "timed out");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
