namespace Qinshui.Edge.Simulator.Dashboard;

/// <summary>One line of the dashboard: text pieces with a colour each, so its width is known before any markup.</summary>
public sealed class ScreenLine
{
    private readonly List<(string Text, string Style)> _parts = new();

    public IReadOnlyList<(string Text, string Style)> Parts => _parts;

    public ScreenLine Add(string text, string style = "")
    {
        _parts.Add((text, style));
        return this;
    }

    public string Plain => string.Concat(_parts.Select(p => p.Text));
    public int Width => CellWidth.Of(Plain);

    public string Markup => string.Concat(_parts.Select(p => p.Style.Length == 0
        ? Spectre.Console.Markup.Escape(p.Text)
        : $"[{p.Style}]{Spectre.Console.Markup.Escape(p.Text)}[/]"));
}
