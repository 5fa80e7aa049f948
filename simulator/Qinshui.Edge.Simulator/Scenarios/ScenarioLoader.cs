using System.Text.Json;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Simulator.Plant;

namespace Qinshui.Edge.Simulator.Scenarios;

/// <summary>
/// Loads a scenario file strictly: every unknown property, wrong type, bad duration, unknown id
/// and out-of-range value is reported with its JSON path, all at once (docs/scenarios.md).
/// </summary>
public static class ScenarioLoader
{
    public static Scenario LoadFile(string path)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioLoadException(new[] { new ScenarioError(path, "(file)", e.Message) });
        }
        return Parse(text, path);
    }

    public static Scenario Parse(string json, string file)
    {
        var errors = new ScenarioErrors(file);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new ScenarioLoadException(new[] { new ScenarioError(file, $"line {e.LineNumber + 1}", "not valid JSON: " + e.Message) });
        }
        using (doc)
        {
            var scenario = Read(doc.RootElement, file, errors);
            if (errors.Count > 0) throw new ScenarioLoadException(errors.List);
            return scenario!;
        }
    }

    private static Scenario? Read(JsonElement root, string file, ScenarioErrors errors)
    {
        var r = new JsonObjectReader(root, "", errors);
        if (!r.IsObject) return null;
        string name = r.String("name", required: true) ?? "";
        string description = r.String("description") ?? "";
        int seed = r.Int("seed") ?? 1;
        long duration = r.DurationMs("duration", required: true) ?? 0;
        long step = r.DurationMs("step") ?? 100;
        if (step <= 0 || step > 10_000) errors.Add("step", "must be between 1ms and 10s");
        if (duration > 0 && duration < step) errors.Add("duration", "is shorter than one step");
        long startUtc = 1_795_852_800_000; // 2026-11-28T00:00:00Z
        string? start = r.String("startUtc");
        if (start != null)
        {
            if (DateTimeOffset.TryParse(start, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var dto))
                startUtc = dto.ToUnixTimeMilliseconds();
            else errors.Add("startUtc", $"'{start}' is not an ISO 8601 time (e.g. 2026-11-28T08:00:00Z)");
        }
        JsonElement gateway = default;
        if (r.TryGet("gateway", out var g))
        {
            if (g.ValueKind != JsonValueKind.Object) errors.Add("gateway", $"expected an object, found {JsonObjectReader.Describe(g)}");
            else gateway = g.Clone();
        }
        else errors.Add("gateway", "is required (the gateway's configuration for this scenario)");

        var plant = new PlantDefinition();
        var ids = new IdTable(errors);
        if (r.TryGet("plant", out var p)) PlantReader.Read(new JsonObjectReader(p, "plant", errors), plant, ids);
        else errors.Add("plant", "is required");

        var scenario = new Scenario
        {
            File = file, Name = name, Description = description, Seed = seed, DurationMs = duration, StepMs = step,
            StartUtcMs = startUtc, Gateway = gateway, Plant = plant,
        };
        foreach (var (e, path) in r.Array("timeline"))
        {
            var a = TimelineReader.Read(new JsonObjectReader(e, path, errors), ids, duration, plant);
            if (a != null) scenario.Timeline.Add(a);
        }
        var expIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (e, path) in r.Array("expectations"))
        {
            var x = ExpectationReader.Read(new JsonObjectReader(e, path, errors), ids, duration);
            if (x == null) continue;
            if (!expIds.Add(x.Id)) errors.Add(path + ".id", $"expectation id '{x.Id}' is used twice");
            scenario.Expectations.Add(x);
        }
        r.Done();
        // Channel ids come from the gateway section; conditions naming channels are checked by the
        // gateway factory's validation. Here: plant ids.
        // Stable: actions at the same time keep the order they are written in.
        var ordered = scenario.Timeline.OrderBy(a => a.AtMs).ToList();
        scenario.Timeline.Clear();
        scenario.Timeline.AddRange(ordered);
        return scenario;
    }
}
