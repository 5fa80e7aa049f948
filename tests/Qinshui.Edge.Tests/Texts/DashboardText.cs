using Spectre.Console;
using Spectre.Console.Rendering;

namespace Qinshui.Edge.Tests.Texts;

/// <summary>Renders a Spectre renderable to plain text at a given terminal size, as a person's terminal would show it.</summary>
public static class DashboardText
{
    public static string Render(IRenderable r, int width = 80, int height = 24)
    {
        var w = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(w),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        console.Profile.Height = height;
        console.Write(r);
        return w.ToString();
    }
}
