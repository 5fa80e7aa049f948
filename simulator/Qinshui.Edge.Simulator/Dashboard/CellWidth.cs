namespace Qinshui.Edge.Simulator.Dashboard;

/// <summary>
/// Terminal columns of a text: East Asian wide and full-width characters (CJK ideographs, CJK
/// punctuation, full-width forms, Hangul) take two columns, everything else one (UAX #11, W and F).
/// </summary>
public static class CellWidth
{
    public static int Of(char c) =>
        (c >= '\u1100' && c <= '\u115F') || (c >= '\u2E80' && c <= '\uA4CF') || (c >= '\uAC00' && c <= '\uD7A3')
        || (c >= '\uF900' && c <= '\uFAFF') || (c >= '\uFE30' && c <= '\uFE4F') || (c >= '\uFF00' && c <= '\uFF60') || (c >= '\uFFE0' && c <= '\uFFE6')
            ? 2 : 1;

    public static int Of(string s)
    {
        int w = 0;
        foreach (char c in s) w += Of(c);
        return w;
    }

    /// <summary>The text cut to at most <paramref name="columns"/> (an ellipsis marks the cut), padded with spaces to exactly that.</summary>
    public static string Fit(string s, int columns, bool alignRight = false)
    {
        if (columns <= 0) return "";
        int w = Of(s);
        if (w > columns)
        {
            var cut = new System.Text.StringBuilder();
            int used = 0;
            foreach (char c in s)
            {
                if (used + Of(c) > columns - 1) break;
                cut.Append(c);
                used += Of(c);
            }
            cut.Append('…');
            s = cut.ToString();
            w = used + 1;
        }
        string pad = new(' ', columns - w);
        return alignRight ? pad + s : s + pad;
    }
}
