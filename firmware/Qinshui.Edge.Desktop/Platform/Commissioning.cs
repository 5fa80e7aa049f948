using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Desktop.Config;

namespace Qinshui.Edge.Desktop.Platform;

/// <summary>
/// What `qedge commission` asks for. Site null: the configuration's; AnswersFile null: ask on the
/// console; Out null: commissioning-SITE-GATEWAY-TIME.json; Counter null: the UTC millisecond.
/// </summary>
public sealed record CommissioningOptions(string Broker, string Gateway, byte[] Key, string ConfigFile, string? Site, string? AnswersFile, string? Out,
    long? Counter, int TimeoutS, string? CaFile = null, string? CertFile = null, string? KeyFile = null);

/// <summary>
/// The commissioning checklist against a live (or simulated) gateway, from its configuration:
/// relay test with feedback for each output, bump test of each gas channel, calibration record
/// with its due date, proof test of each zone (the gateway's proof_test command: it cuts the zone
/// and confirms the cut on feedback; the technician confirms the outputs dropped). Writes a record
/// signed with the gateway's key (SignedEnvelope type "commissioning") and publishes it on the
/// gateway's event topic. Answers come from the console or, for scripts and tests, from a file.
/// </summary>
public static class Commissioning
{
    /// <summary>A detector responds within 30 s of test gas (GB/T 50493-2019 via STANDARDS.md).</summary>
    public const double MaxResponseSeconds = 30;

    /// <summary>Bump test tolerance: reading within ±10 % of the applied concentration (site practice; tighten per the maker's manual).</summary>
    public const double BumpTolerance = 0.10;

    public static ToolOutcome Run(CommissioningOptions o, TextReader input, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
        var loaded = ConfigFiles.Load(o.ConfigFile);
        if (loaded.Config is not { } config)
        {
            foreach (var e in ConfigFiles.All(loaded.Errors)) stderr.WriteLine($"{loaded.File}: {e.Path}: {e.English}");
            return ToolOutcome.Failed;
        }
        if (config.GatewayId != o.Gateway)
        {
            stderr.WriteLine($"qedge commission: {loaded.File} is for gateway {config.GatewayId}, not {o.Gateway}");
            return ToolOutcome.Failed;
        }
        string site = o.Site ?? config.SiteId;
        ICommissioningAnswers answers = o.AnswersFile is { } af ? FileAnswers.Load(af) : new ConsoleAnswers(input, stdout);
        long counter = o.Counter ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        string outFile = o.Out ?? $"commissioning-{site}-{o.Gateway}-{DateTime.UtcNow:yyyyMMddTHHmmssZ}.json";
        if (o.CaFile == null && o.CertFile != null) throw new UsageException("--cert needs --ca (the site CA that checks the broker)");
        using var credentials = o.CaFile is { } caFile ? Qinshui.Edge.Desktop.Mqtt.BrokerCredentials.Load(caFile, o.CertFile, o.KeyFile) : null;
        try
        {
            return RunAsync(o.Broker, site, o.Gateway, o.Key, config, loaded.Config.Hash, answers, counter, outFile, TimeSpan.FromSeconds(o.TimeoutS), stdout, stderr, credentials)
                .GetAwaiter().GetResult();
        }
        catch (MissingAnswerException e)
        {
            stderr.WriteLine($"qedge commission: {e.Message}; nothing recorded");
            return ToolOutcome.Failed;
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            stderr.WriteLine($"qedge commission: cannot reach {o.Broker}: {e.Message}");
            return ToolOutcome.Failed;
        }
    }

    private static async Task<ToolOutcome> RunAsync(string broker, string site, string gateway, byte[] key, GatewayConfig config, string configHash,
        ICommissioningAnswers answers, long counter, string outFile, TimeSpan timeout, TextWriter stdout, TextWriter stderr, Qinshui.Edge.Desktop.Mqtt.BrokerCredentials? credentials)
    {
        await using var client = await PlatformClient.ConnectAsync(broker, site, gateway, credentials?.Ca, credentials?.Client, timeout).ConfigureAwait(false);
        var steps = new JsonArray();
        bool allPassed = true;
        void Step(string kind, string item, bool passed, JsonObject details)
        {
            details["kind"] = kind;
            details["item"] = item;
            details["passed"] = passed;
            steps.Add(details);
            allPassed &= passed;
            stdout.WriteLine($"  [{(passed ? "PASS" : "FAIL")}] {kind} {item}");
        }

        string technician = answers.Text("", "", "technician", "Technician's name / 技术员姓名:");
        stdout.WriteLine($"commissioning {site}/{gateway} (config sha256 {configHash})");

        stdout.WriteLine("1. relay test with feedback / 继电器及反馈测试");
        var outputs = config.Interlocks.Outputs.Select(o => (Id: o.Id, FeedbackInputId: (string?)o.FeedbackInputId)).Concat(config.Welding.Stations.Select(s => (Id: s.EnableOutputId, FeedbackInputId: (string?)null)));
        foreach (var (id, feedback) in outputs)
        {
            bool clicked = answers.YesNo("relays", id, "clicked", $"Relay {id}: energise it from the panel test switch — did it click and the load get power?");
            bool followed = feedback == null || answers.YesNo("relays", id, "feedbackFollowed", $"Relay {id}: did the feedback input {feedback} follow?");
            Step("relay", id, clicked && followed, new JsonObject { ["clicked"] = clicked, ["feedbackInput"] = feedback, ["feedbackFollowed"] = feedback == null ? null : followed });
        }

        stdout.WriteLine("2. bump test of each gas channel / 气体通道冲击测试");
        var gasChannels = config.Channels.Where(ch => ch.Gas is { Length: > 0 } g && g != "TEMP").ToList();
        foreach (var ch in gasChannels)
        {
            double applied = answers.Number("bump", ch.Id, "appliedGas", $"Channel {ch.Id} ({ch.Gas}): test gas concentration applied ({Core.Domain.Units.Symbol(ch.Unit)})?");
            double reading = answers.Number("bump", ch.Id, "reading", $"Channel {ch.Id}: reading shown ({Core.Domain.Units.Symbol(ch.Unit)})?");
            double response = answers.Number("bump", ch.Id, "responseSeconds", $"Channel {ch.Id}: seconds from gas on to the reading?");
            bool within = applied > 0 && Math.Abs(reading - applied) <= BumpTolerance * applied;
            bool fast = response >= 0 && response <= MaxResponseSeconds;
            Step("bump", ch.Id, within && fast, new JsonObject
            {
                ["gas"] = ch.Gas, ["unit"] = Core.Domain.Units.Symbol(ch.Unit), ["applied"] = applied, ["reading"] = reading, ["responseSeconds"] = response,
                ["tolerance"] = BumpTolerance, ["maxResponseSeconds"] = MaxResponseSeconds,
            });
        }

        stdout.WriteLine("3. calibration record / 标定记录");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var ch in gasChannels)
        {
            string on = answers.Text("calibration", ch.Id, "calibratedOn", $"Channel {ch.Id}: calibrated on (yyyy-mm-dd)?");
            string due = answers.Text("calibration", ch.Id, "dueOn", $"Channel {ch.Id}: next calibration due (yyyy-mm-dd)?");
            string reference = answers.Text("calibration", ch.Id, "reference", $"Channel {ch.Id}: calibration certificate / record number?");
            bool dated = DateOnly.TryParseExact(on, "yyyy-MM-dd", out var onDate) & DateOnly.TryParseExact(due, "yyyy-MM-dd", out var dueDate);
            bool ok = dated && onDate <= today && dueDate > today && dueDate > onDate && reference.Length > 0;
            Step("calibration", ch.Id, ok, new JsonObject { ["calibratedOn"] = on, ["dueOn"] = due, ["reference"] = reference });
        }

        stdout.WriteLine("4. proof test of each zone / 区域联锁验证");
        foreach (var zone in config.Interlocks.Zones)
        {
            // The gateway's own proof test (AQ 1029-2019): it cuts the zone through its trip path and
            // confirms the cut on the outputs' feedback, then records passed/failed as chained events.
            string id = "commission-" + Guid.NewGuid().ToString("N")[..10];
            long ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            byte[] cmd = CommandEnvelope.Build(gateway, id, counter++, ts + 5 * 60_000, "proof_test",
                "{\"zone\":" + JsonSerializer.Serialize(zone.Id) + "}", key);
            var reply = await client.SendAsync(id, cmd, timeout).ConfigureAwait(false);
            bool accepted = reply is { } r && r.TryGetProperty("ok", out var okv) && okv.ValueKind == JsonValueKind.True;
            string replyCode = reply is { } r2 && r2.TryGetProperty("code", out var cv) ? cv.GetString() ?? "" : "no_reply";
            if (!accepted) stdout.WriteLine($"  zone {zone.Id}: the gateway refused the proof test ({replyCode}); the zone must be on, with feedback on its outputs");
            bool dropped = answers.YesNo("proof", zone.Id, "outputsDropped", $"Zone {zone.Id}: proof test started — did every output ({string.Join(", ", zone.OutputIds)}) drop? (reset it at the gateway afterwards)");
            Step("proof", zone.Id, accepted && dropped, new JsonObject { ["command"] = "proof_test", ["gatewayAccepted"] = accepted, ["gatewayCode"] = replyCode, ["outputsDropped"] = dropped });
        }

        var record = new JsonObject
        {
            ["site"] = site,
            ["gateway"] = gateway,
            ["configHash"] = configHash,
            ["technician"] = technician,
            ["completedUtc"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["passed"] = allPassed,
            ["steps"] = steps,
        };
        var json = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        byte[] body = Encoding.UTF8.GetBytes(record.ToJsonString(json));
        byte[] envelope = SignedEnvelope.Sign("commissioning", body, gateway, counter, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), key);
        File.WriteAllBytes(outFile, envelope);
        byte[] evt = Encoding.UTF8.GetBytes("{\"type\":\"commissioning\",\"source\":\"qedge\",\"passed\":" + (allPassed ? "true" : "false") + ",\"envelope\":" + Encoding.UTF8.GetString(envelope) + "}");
        await client.PublishEventAsync(evt).ConfigureAwait(false);
        stdout.WriteLine($"{(allPassed ? "PASSED" : "FAILED")}: {steps.Count} checks; signed record written to {outFile} and sent on {client.Topics.Topic(Core.Mqtt.MessageKind.Event)}");
        return allPassed ? ToolOutcome.Ok : ToolOutcome.Failed;
    }
}
