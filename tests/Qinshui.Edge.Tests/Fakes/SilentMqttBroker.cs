using System.Net;
using System.Net.Sockets;

namespace Qinshui.Edge.Tests.Fakes;

/// <summary>
/// A minimal MQTT 3.1.1 server on a loopback port that accepts one client (CONNACK, SUBACK) and
/// counts the PUBLISH packets it receives without ever answering them with a PUBACK: what a broker
/// looks like to a client whose acknowledgements are slow.
/// </summary>
public sealed class SilentMqttBroker : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private int _publishes;

    public SilentMqttBroker()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }
    public int Publishes => Volatile.Read(ref _publishes);

    private async Task ServeAsync()
    {
        try
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var s = client.GetStream();
            bool v5 = false;
            while (!_stop.IsCancellationRequested)
            {
                var (type, body) = await ReadPacketAsync(s);
                switch (type >> 4)
                {
                    case 1: // CONNECT → CONNACK (MQTT 5 adds an empty property list)
                        v5 = body.Length > 6 && body[6] == 5;
                        await s.WriteAsync(v5 ? new byte[] { 0x20, 0x03, 0x00, 0x00, 0x00 } : new byte[] { 0x20, 0x02, 0x00, 0x00 }, _stop.Token);
                        break;
                    case 8: // SUBSCRIBE → SUBACK granting QoS 1
                        await s.WriteAsync(v5 ? new byte[] { 0x90, 0x04, body[0], body[1], 0x00, 0x01 } : new byte[] { 0x90, 0x03, body[0], body[1], 0x01 }, _stop.Token);
                        break;
                    case 3: Interlocked.Increment(ref _publishes); break;                                                // PUBLISH: no PUBACK
                    case 12: await s.WriteAsync(new byte[] { 0xD0, 0x00 }, _stop.Token); break;                          // PINGREQ → PINGRESP
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The test ended or the client went away.
        }
    }

    private async Task<(byte Type, byte[] Body)> ReadPacketAsync(NetworkStream s)
    {
        byte type = await ReadByteAsync(s);
        int length = 0, shift = 0;
        byte b;
        do
        {
            b = await ReadByteAsync(s);
            length |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        var body = new byte[length];
        await s.ReadExactlyAsync(body, _stop.Token);
        return (type, body);
    }

    private async Task<byte> ReadByteAsync(NetworkStream s)
    {
        var one = new byte[1];
        await s.ReadExactlyAsync(one, _stop.Token);
        return one[0];
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
