using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Desktop.Mqtt;

/// <summary>
/// IMqttLink over an MQTTnet 5 client. The core's calls never block: Publish copies the payload
/// into a queue and returns a token; one sender task publishes in order with QoS 1 and reports
/// the token when the broker's PUBACK arrives. A background loop reconnects with the last will
/// (state offline, retained) and subscribes the command topic. Anything queued when the
/// connection drops is simply never acknowledged: the journal replays it.
/// </summary>
public sealed class MqttNetLink : IMqttLink, IAsyncDisposable
{

    private readonly MqttLinkOptions _options;
    private readonly IMqttClient _client;
    private readonly MqttClientFactory _factory = new();
    private readonly ConcurrentQueue<int> _acks = new();
    private readonly CommandInbox _inbox;
    private PublishQueue _queue;
    private readonly CancellationTokenSource _stop = new();
    private int _nextToken;
    private int _queued;
    private volatile bool _ready;
    private Task? _loop;

    public MqttNetLink(MqttLinkOptions options)
    {
        options.Validate();
        _options = options;
        _client = _factory.CreateMqttClient();
        _queue = NewQueue();
        _inbox = new CommandInbox(options.MaxReceived, options.CommandKey != null ? new CommandAuthenticator(options.CommandKey) : null);
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var m = e.ApplicationMessage;
            _inbox.Offer(m.Topic, m.Payload.ToArray());
            return Task.CompletedTask;
        };
    }

    public long ConnectCount { get; private set; }

    /// <summary>What arrived and what a full lane dropped.</summary>
    public CommandInbox Inbox => _inbox;
    public string? LastError { get; private set; }

    /// <summary>Why the last broker certificate was refused (BrokerCertificateCheck); LastError may since hold the handshake's own message.</summary>
    public string? BrokerRefusal { get; private set; }

    /// <summary>Live messages (alarm, event, health, reply) go before queued data: <see cref="PublishQueue"/>.</summary>
    private static PublishQueue NewQueue() => new();

    public bool IsConnected => _ready && _client.IsConnected;

    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

    public int Publish(string topic, byte[] payload, int offset, int count, bool retain)
    {
        if (!IsConnected || Volatile.Read(ref _queued) >= _options.MaxQueued) return 0;
        int token = Interlocked.Increment(ref _nextToken);
        if (token <= 0) token = Interlocked.Exchange(ref _nextToken, 1);
        var o = new OutgoingPublish(token, topic, payload.AsSpan(offset, count).ToArray(), retain);
        Interlocked.Increment(ref _queued);
        if (!_queue.TryAdd(o))
        {
            Interlocked.Decrement(ref _queued);
            return 0;
        }
        return token;
    }

    public bool TryTakeAcknowledged(out int token) => _acks.TryDequeue(out token);

    public bool TryReceive(byte[] topicBuffer, out int topicLength, byte[] payloadBuffer, out int payloadLength)
    {
        topicLength = 0;
        payloadLength = 0;
        if (!_inbox.TryTake(out var m)) return false;
        topicLength = Encoding.UTF8.GetBytes(m.Topic, 0, Math.Min(m.Topic.Length, topicBuffer.Length / 4), topicBuffer, 0);
        // The real length is reported even when it exceeds the buffer: the processor refuses it as oversized.
        payloadLength = m.Payload.Length;
        Array.Copy(m.Payload, payloadBuffer, Math.Min(m.Payload.Length, payloadBuffer.Length));
        return true;
    }

    /// <summary>
    /// Asked for the last will before every connect (the runtime's offline state with the common header,
    /// <c>MqttSession.WriteWill</c>); unset, <see cref="MqttLinkOptions.WillPayload"/> is used.
    /// </summary>
    public Func<byte[]?>? WillSource { get; set; }

    private byte[] Will() => WillSource?.Invoke() ?? _options.WillPayload;

    private MqttClientOptions BuildOptions()
    {
        var b = _factory.CreateClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(_options.ClientId)
            .WithCleanSession(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(_options.KeepAliveSeconds))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (_options.Username != null) b = b.WithCredentials(_options.Username, _options.Password ?? "");
        if (_options.WillTopic.Length > 0)
        {
            b = b.WithWillTopic(_options.WillTopic).WithWillPayload(Will())
                .WithWillRetain(true).WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        }
        if (_options.TrustedCa != null)
        {
            // Trust exactly the configured CA, as a server certificate for the configured name (shared with the tools).
            b = BrokerCredentials.ApplyTls(b, _options.TrustedCa, _options.ClientCertificate, _options.TlsTargetHost ?? _options.Host, why =>
            {
                LastError = why;
                BrokerRefusal = why;
            });
        }
        return b.Build();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var options = BuildOptions();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                _ready = false;
                var connected = await _client.ConnectAsync(options, stop).ConfigureAwait(false);
                if (connected.ResultCode != MqttClientConnectResultCode.Success)
                {
                    throw new InvalidOperationException("broker refused the connection: " + connected.ResultCode + " " + connected.ReasonString);
                }
                ConnectCount++;
                if (_options.CommandTopic.Length > 0)
                {
                    var sub = _factory.CreateSubscribeOptionsBuilder()
                        .WithTopicFilter(f => f.WithTopic(_options.CommandTopic).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                        .Build();
                    await _client.SubscribeAsync(sub, stop).ConfigureAwait(false);
                }
                _queue = NewQueue();
                Interlocked.Exchange(ref _queued, 0);
                _ready = true;
                await SendLoopAsync(_queue, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LastError = ex.Message;
            }
            _ready = false;
            try
            {
                if (_client.IsConnected) await _client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LastError = ex.Message;
            }
            try
            {
                await Task.Delay(_options.ReconnectDelayMs, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>
    /// Sends until the connection drops, with up to <see cref="MqttLinkOptions.MaxInFlight"/> publishes
    /// awaiting their PUBACK at once (MQTT 3.1.1 §4.4 lets a client have several QoS 1 messages in
    /// flight; the core's window already allows 8). Awaiting each PUBACK before the next publish made a
    /// link's throughput one message per round trip, and when the thread pool was busy (2,000 links in
    /// one process) the round trip grew past the batch interval and the backlog never drained.
    /// The wait for the next publish ends when one is queued or the client reports the drop: no
    /// polling timer (five callbacks a second per link, 10,000 a second for a fleet of 2,000).
    /// </summary>
    private async Task SendLoopAsync(PublishQueue queue, CancellationToken stop)
    {
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var window = new SemaphoreSlim(_options.MaxInFlight, _options.MaxInFlight);
        Func<MqttClientDisconnectedEventArgs, Task> dropped = _ =>
        {
            connection.Cancel();
            return Task.CompletedTask;
        };
        _client.DisconnectedAsync += dropped;
        try
        {
            while (_client.IsConnected && !connection.IsCancellationRequested)
            {
                OutgoingPublish o;
                try
                {
                    await window.WaitAsync(connection.Token).ConfigureAwait(false);
                    o = await queue.TakeAsync(connection.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    return; // the connection dropped (or a publish failed): reconnect
                }
                Interlocked.Decrement(ref _queued);
                var msg = new MqttApplicationMessageBuilder()
                    .WithTopic(o.Topic)
                    .WithPayload(o.Payload)
                    .WithRetainFlag(o.Retain)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build();
                // Started in queue order (MQTTnet writes packets in the order they are sent); completes on its own.
                _ = AwaitPubAckAsync(_client.PublishAsync(msg, stop), o.Token, window, connection);
            }
        }
        finally
        {
            _client.DisconnectedAsync -= dropped;
        }
    }

    /// <summary>The PUBACK of one publish: its token is reported; a failure drops the connection (the journal replays).</summary>
    private async Task AwaitPubAckAsync(Task<MqttClientPublishResult> publish, int token, SemaphoreSlim window, CancellationTokenSource connection)
    {
        try
        {
            var result = await publish.ConfigureAwait(false);
            if (result.IsSuccess) _acks.Enqueue(token);
            else LastError = "publish refused: " + result.ReasonCode;
        }
        catch (Exception ex)
        {
            LastError = ex.Message;
            try { connection.Cancel(); } catch (ObjectDisposedException) { }
        }
        finally
        {
            window.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_loop != null)
        {
            try { await _loop.ConfigureAwait(false); } catch (OperationCanceledException) { }
        }
        try
        {
            if (_client.IsConnected)
            {
                // A clean DISCONNECT discards the last will, so say "offline" ourselves first.
                if (_options.WillTopic.Length > 0)
                {
                    var will = new MqttApplicationMessageBuilder().WithTopic(_options.WillTopic).WithPayload(Will())
                        .WithRetainFlag(true).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
                    await _client.PublishAsync(will, CancellationToken.None).ConfigureAwait(false);
                }
                await _client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // Best effort on shutdown; the broker publishes the will if the socket just dies.
        }
        _client.Dispose();
        _stop.Dispose();
    }
}
