using System.IO.Ports;

namespace Qinshui.Edge.Desktop.Modbus;

/// <summary>The serial line a Modbus tool run opens: port, framing and the master's timeout and retries.</summary>
public sealed record ModbusLineOptions(string Port, int Baud, Parity Parity, StopBits StopBits, int TimeoutMs, int Retries);
