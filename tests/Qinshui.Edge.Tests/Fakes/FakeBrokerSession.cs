using Qinshui.Edge.Core.Mqtt;

namespace Qinshui.Edge.Tests.Fakes;

/// <summary>An MQTT client for LinkLifecycle that fails as told: DNS at Create, TLS/TCP at Connect, a CONNACK reason.</summary>
internal sealed class FakeBrokerSession : IBrokerSession
{
    public Exception? CreateThrows;
    public Exception? ConnectThrows;
    public int ConnectReason;
    public bool DropThrows;
    public bool IsConnectedThrows;
    public int Creates;
    public int Drops;
    private bool _connected;

    public bool IsConnected => IsConnectedThrows ? throw new InvalidOperationException("disposed") : _connected;

    public void Create()
    {
        Creates++;
        if (CreateThrows != null) throw CreateThrows;
    }

    public int Connect()
    {
        if (ConnectThrows != null) throw ConnectThrows;
        _connected = ConnectReason == 0;
        return ConnectReason;
    }

    public void Drop()
    {
        Drops++;
        _connected = false;
        if (DropThrows) throw new InvalidOperationException("close failed");
    }
}
