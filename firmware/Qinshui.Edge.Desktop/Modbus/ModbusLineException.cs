namespace Qinshui.Edge.Desktop.Modbus;

/// <summary>The serial port could not be opened (missing, busy, no permission); the message says which and why.</summary>
public sealed class ModbusLineException(string message) : Exception(message);
