using System.Globalization;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;

namespace Qinshui.Edge.Simulator.Fleet;

/// <summary>
/// The platform side of a fleet run: one MQTTnet client subscribed (QoS 1) to every gateway's data,
/// counting readings into the <see cref="FleetTally"/> of the measured window. Its session is kept
/// by the broker (clean session off) and it reconnects at once: a platform that drops off loses
/// nothing, and every drop is counted and printed, because a silent one looked like a stalled fleet.
/// </summary>
public sealed class FleetPlatform : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _options;
    private readonly MqttClientSubscribeOptions _subscribe;
    private readonly object _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private FleetTally? _tally;
    private long _dataMessages;

    public FleetPlatform(string host, int port, string site)
    {
        var factory = new MqttClientFactory();
        _client = factory.CreateMqttClient();
        _options = factory.CreateClientOptionsBuilder().WithTcpServer(host, port).WithClientId("qedge-fleet-platform")
            .WithCleanSession(false).WithKeepAlivePeriod(TimeSpan.FromSeconds(30)).Build();
        _subscribe = factory.CreateSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic($"qinshui/v1/{site}/+/data").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            OnData(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            return Task.CompletedTask;
        };
        _client.DisconnectedAsync += OnDisconnectedAsync;
    }

    /// <summary>Times the platform's connection dropped during the run, and the last reason.</summary>
    public int Disconnects { get; private set; }
    public string? LastDisconnectReason { get; private set; }
    public long DataMessages => Interlocked.Read(ref _dataMessages);

    public async Task ConnectAsync()
    {
        await _client.ConnectAsync(_options, _stop.Token).ConfigureAwait(false);
        await _client.SubscribeAsync(_subscribe, _stop.Token).ConfigureAwait(false);
    }

    /// <summary>From now on readings are counted against <paramref name="tally"/>.</summary>
    public void Count(FleetTally tally)
    {
        lock (_gate) _tally = tally;
    }

    private void OnData(string topic, System.Buffers.ReadOnlySequence<byte> payload, long arrivedUtcMs)
    {
        Interlocked.Increment(ref _dataMessages);
        if (Volatile.Read(ref _tally) == null) return;
        int gateway = GatewayIndex(topic);
        Span<long> samples = stackalloc long[64];
        int n = ReadSampleTimes(payload, samples);
        if (n < 0) return;
        lock (_gate) _tally!.AddMessage(gateway, samples[..n], arrivedUtcMs);
    }

    /// <summary>gw-0042 in qinshui/v1/site/gw-0042/data → 41.</summary>
    private static int GatewayIndex(string topic)
    {
        int end = topic.LastIndexOf('/');
        int start = topic.LastIndexOf('/', end - 1) + 1;
        int dash = topic.IndexOf('-', start);
        return dash > 0 && int.TryParse(topic.AsSpan(dash + 1, end - dash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int i) ? i - 1 : -1;
    }

    /// <summary>Sample times (ts + row offset) of a data message's readings; -1 when it is not one.</summary>
    public static int ReadSampleTimes(System.Buffers.ReadOnlySequence<byte> payload, Span<long> into)
    {
        // Compact batches (docs/mqtt.md "Compact data", the gateways' default) carry each reading's time.
        // A JSON batch starts with '{'; only a compact one is copied out for the decoder.
        if (!payload.IsEmpty && payload.FirstSpan[0] != (byte)'{')
        {
            byte[] bytes = System.Buffers.BuffersExtensions.ToArray(payload);
            if (!Qinshui.Edge.Core.Mqtt.CompactData.IsCompact(bytes, 0, bytes.Length)) return -1;
            if (!Qinshui.Edge.Desktop.Mqtt.CompactDataDecoder.TryDecode(bytes, out var batch, out _)) return -1;
            int k = 0;
            foreach (var r in batch.Readings)
            {
                if (k == into.Length) break;
                into[k++] = r.UtcMs;
            }
            return k;
        }
        using var doc = JsonDocument.Parse(payload);
        var root = doc.RootElement;
        if (!root.TryGetProperty("r", out var rows) || !root.TryGetProperty("ts", out var ts)) return -1;
        long t0 = ts.GetInt64();
        int n = 0;
        foreach (var row in rows.EnumerateArray())
        {
            if (n == into.Length) break;
            into[n++] = t0 + row[1].GetInt64();
        }
        return n;
    }

    private async Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        if (_stop.IsCancellationRequested) return;
        Disconnects++;
        LastDisconnectReason = e.Reason + (e.Exception != null ? ": " + e.Exception.Message : "");
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(100, _stop.Token).ConfigureAwait(false);
                await ConnectAsync().ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LastDisconnectReason = ex.Message;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            if (_client.IsConnected) await _client.DisconnectAsync(new MqttClientDisconnectOptions()).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Shutting down: the broker drops the session's socket either way.
        }
        _client.Dispose();
        _stop.Dispose();
    }
}
