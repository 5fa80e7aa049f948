namespace Qinshui.Edge.Simulator.Plant.Bus;

/// <summary>
/// Something attached to the virtual RS-485 bus (a simulated Modbus slave, a sniffer). The bus
/// calls OnBytes as each character's last bit arrives, with its arrival time in virtual
/// microseconds, so a device can find frame ends by the 3.5-character silence as real hardware
/// does. A device answers through the <see cref="IBusTransmitter"/> it got from Attach.
/// The Modbus helper's simulated slave plugs in here; the bus itself knows nothing of Modbus.
/// </summary>
public interface IBusDevice
{
    void OnBytes(byte[] buffer, int offset, int count, long atMicros);
}

/// <summary>A device's handle to drive the line.</summary>
public interface IBusTransmitter
{
    /// <summary>Starts sending at once (or when the line is free): one character per 11/baud seconds.</summary>
    void Transmit(byte[] buffer, int offset, int count);

    /// <summary>Virtual time now, in microseconds.</summary>
    long NowMicros { get; }

    /// <summary>Duration of one character on this bus, in microseconds.</summary>
    double CharacterMicros { get; }
}

/// <summary>A device that wants its transmitter handle once attached (a slave that answers).</summary>
public interface IBusAttachable
{
    void AttachedTo(IBusTransmitter line);
}
