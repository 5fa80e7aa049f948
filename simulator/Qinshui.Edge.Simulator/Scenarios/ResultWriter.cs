using System.Text.Encodings.Web;
using System.Text.Json;

namespace Qinshui.Edge.Simulator.Scenarios;

/// <summary>--result: every expectation of every scenario with its verdict and measured time.</summary>
public static class ResultWriter
{
    public static void Write(IReadOnlyList<RunResult> runs, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteBoolean("passed", runs.All(r => r.Failed == 0));
        w.WriteNumber("failed", runs.Sum(r => r.Failed));
        w.WriteNumber("notEvaluable", runs.Sum(r => r.NotEvaluable));
        w.WriteStartArray("scenarios");
        foreach (var r in runs)
        {
            w.WriteStartObject();
            w.WriteString("file", r.Scenario.File);
            w.WriteString("name", r.Scenario.Name);
            w.WriteString("gateway", r.GatewayDescription);
            w.WriteNumber("seed", r.Scenario.Seed);
            w.WriteNumber("virtualMs", r.VirtualMs);
            w.WriteNumber("wallMs", (long)r.Wall.TotalMilliseconds);
            w.WriteStartArray("expectations");
            foreach (var x in r.Expectations)
            {
                w.WriteStartObject();
                w.WriteString("id", x.Id);
                w.WriteString("description", x.Description);
                w.WriteString("verdict", ExpectationResult.Name(x.Verdict));
                w.WriteBoolean("passed", x.Verdict == Verdict.Passed);
                if (x.MeasuredMs is long m) w.WriteNumber("measuredMs", m);
                else w.WriteNull("measuredMs");
                if (x.LimitMs is long l) w.WriteNumber("limitMs", l);
                if (x.AtMs is long a) w.WriteNumber("atMs", a);
                w.WriteNumber("occurrences", x.Occurrences);
                w.WriteString("detail", x.Detail);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
