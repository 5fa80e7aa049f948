using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Desktop.Serial;

namespace Qinshui.Edge.Desktop.Modbus;

/// <summary>
/// An open serial port with the gateway's own Modbus master on it (the same core code that polls
/// the plant), as the technician's tools use it: one transaction at a time, to its end.
/// </summary>
public sealed class ModbusLine : IDisposable
{
    private ModbusLine(SerialPortLine port, ModbusMaster master, string name)
    {
        Port = port;
        Master = master;
        Name = name;
    }

    public SerialPortLine Port { get; }
    public ModbusMaster Master { get; }
    public string Name { get; }

    /// <summary>Opens the port; a port that cannot be opened is a <see cref="ModbusLineException"/> with the system's reason.</summary>
    public static ModbusLine Open(ModbusLineOptions options)
    {
        SerialPortLine line;
        try
        {
            line = new SerialPortLine(options.Port, options.Baud, options.Parity, options.StopBits);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            throw new ModbusLineException($"cannot open {options.Port}: {e.Message}");
        }
        var clock = new StopwatchClock();
        var timing = new ModbusTiming(options.Baud, line.BitsPerCharacter, options.TimeoutMs, options.Retries, ModbusTiming.DefaultTurnaroundDelayMs);
        return new ModbusLine(line, new ModbusMaster(line, clock, timing), options.Port);
    }

    /// <summary>
    /// Steps the master until the transaction ends. Between steps it waits for input on the line
    /// for at most 1 ms (poll(2) on Linux): it wakes as soon as the response arrives and never
    /// spins, which on a loaded machine took the CPU from the slave it was waiting for.
    /// </summary>
    public ModbusStatus Execute(ModbusTransaction t)
    {
        if (!Master.Start(t)) return t.Status;
        while (Master.Step() == ModbusStatus.Pending) Port.WaitForInput(1);
        return t.Status;
    }

    /// <summary>Why a transaction did not end well, in a technician's words.</summary>
    public static string Reason(ModbusTransaction t, int timeoutMs) => t.Status switch
    {
        ModbusStatus.Exception => $"unit {t.Unit} answered with exception {t.ExceptionCode} ({ModbusStatusNames.DescribeException(t.ExceptionCode)})",
        ModbusStatus.Timeout => $"no response from unit {t.Unit} within {timeoutMs} ms ({t.Attempts} attempt{(t.Attempts == 1 ? "" : "s")})",
        _ => $"{ModbusStatusNames.Describe(t.Status)} (unit {t.Unit}, {t.Attempts} attempt{(t.Attempts == 1 ? "" : "s")})",
    };

    public void Dispose() => Port.Dispose();
}
