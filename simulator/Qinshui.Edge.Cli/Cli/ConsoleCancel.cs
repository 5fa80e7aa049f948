namespace Qinshui.Edge.Cli;

/// <summary>Ctrl-C as a cancellation token for the libraries' Run methods (the process is not killed: the run ends cleanly).</summary>
public sealed class ConsoleCancel : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly ConsoleCancelEventHandler _handler;

    public ConsoleCancel()
    {
        _handler = (_, e) =>
        {
            e.Cancel = true;
            _source.Cancel();
        };
        Console.CancelKeyPress += _handler;
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= _handler;
        _source.Dispose();
    }
}
