
namespace Qinshui.Edge.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        return CommandLine.Run(args, Console.Out, Console.Error);
    }
}
