using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Device;
using Qinshui.Edge.Core.Events;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Validation;
using Qinshui.Edge.Core.Welding;

namespace Qinshui.Edge.Core.Gateway
{
    /// <summary>
    /// Signed updates that arrive as commands (docs/mqtt.md): permits, the welder/machine
    /// registry, and the gateway's configuration, pushed whole (update_config) or in chunks
    /// (config_chunk). Every envelope is verified (MAC, type, gateway, counter) before anything
    /// changes; a configuration is only ever made pending, and the composition root applies it at
    /// restart. Every refusal leaves what runs as it was, with a reason in English and Chinese.
    /// </summary>
    public sealed class RemoteUpdates : IRemoteUpdateHandler
    {
        private readonly string _gatewayId;
        private readonly GatewayBoot _boot;
        private readonly IGatewayPorts _ports;
        /// <summary>The runtime's guarded clock: a permit is judged on it (a set-back is untrusted until confirmed).</summary>
        private readonly IClock _clock;
        private readonly PermitBook _permits;
        private readonly WeldingRegistry _registry;
        private readonly EventRecorder _events;
        private readonly ConfigTransfer _transfer;

        public RemoteUpdates(string gatewayId, GatewayBoot boot, IGatewayPorts ports, IClock clock, PermitBook permits, WeldingRegistry registry, EventRecorder events)
        {
            _gatewayId = gatewayId;
            _boot = boot;
            _ports = ports;
            _clock = clock;
            _permits = permits;
            _registry = registry;
            _events = events;
            // Chunked configuration pushes: bookkeeping only; the envelope lives in the staging store until it is complete.
            _transfer = ports.ConfigStaging == null ? null : new ConfigTransfer(ports.ConfigStaging, clock, SignedEnvelope.MaxEnvelopeBytes);
        }

        /// <summary>The chunked configuration transfer (null when the ports offer no staging store).</summary>
        public ConfigTransfer Transfer { get { return _transfer; } }
        public PermitBook Permits { get { return _permits; } }
        public WeldingRegistry Registry { get { return _registry; } }

        /// <summary>
        /// The composition root's board/host check (ConfigPipeline's board/host stage: the ESP32's
        /// board binding, the Linux host's board pins), run before the reply so that a configuration
        /// answered "accepted" is never refused at the restart that applies it (issue 15 #5). Null: none.
        /// </summary>
        public ConfigContentCheck HostCheck { get; set; }

        /// <summary>A configuration received over MQTT that verified; the composition root stores it and restarts.</summary>
        public byte[] PendingConfig { get; private set; }
        public long PendingConfigCounter { get; private set; }

        /// <summary>Issue time of <see cref="PendingConfig"/>: with body and counter, the device re-creates the exact signed envelope to store.</summary>
        public long PendingConfigIssuedUtcMs { get; private set; }

        /// <summary>The counter of the configuration running now: update_config refuses an older or equal one as replayed.</summary>
        public void AcceptConfigsAbove(long counter)
        {
            if (counter > PendingConfigCounter) PendingConfigCounter = counter;
        }

        public void Apply(string command, JsonValue args, CommandResult result)
        {
            if (command == "config_chunk")
            {
                ConfigChunk(args, result);
                return;
            }
            JsonValue envelope = args == null ? null : args.Get("envelope");
            if (envelope == null || !envelope.IsObject)
            {
                result.Refuse("malformed", "the command needs an \"envelope\" object (a signed document)", "命令需要 \"envelope\" 对象（签名文档）");
                return;
            }
            if (command == "update_permits") UpdatePermits(envelope, result);
            else if (command == "update_registry") UpdateRegistry(envelope, result);
            else if (command == "update_config")
            {
                byte[] body;
                long counter, issued;
                EnvelopeOutcome o = SignedEnvelope.Open(envelope, "config", _gatewayId, _boot.Key, PendingConfigCounter, out body, out counter, out issued);
                AcceptConfig(o, body, counter, issued, result);
            }
            else result.Refuse("unknown_command");
        }

        private void UpdatePermits(JsonValue envelope, CommandResult result)
        {
            WeldingReason r = _permits.Apply(envelope, _clock.UtcMs, _clock.MonotonicMs, _clock.IsTrusted);
            if (r == WeldingReason.None || r == WeldingReason.PermitCancelled)
            {
                RecordSimple(EventKind.PermitAccepted, _permits.LastPermitId, WeldingReasonText.Code(r));
                result.Accept(r == WeldingReason.None ? "Permit accepted." : "Permit cancelled.", r == WeldingReason.None ? "作业票已接受。" : "作业票已撤销。");
            }
            else
            {
                RecordSimple(EventKind.PermitRefused, _permits.LastPermitId, WeldingReasonText.Code(r));
                result.Refuse(WeldingReasonText.Code(r), WeldingReasonText.English(r), WeldingReasonText.Chinese(r));
            }
        }

        private void UpdateRegistry(JsonValue envelope, CommandResult result)
        {
            string error;
            EnvelopeOutcome o = _registry.ApplySigned(envelope, _gatewayId, _boot.Key, out error);
            if (o == EnvelopeOutcome.Accepted)
            {
                RecordSimple(EventKind.RegistryUpdated, "registry", "accepted");
                result.Accept("Registry replaced.", "登记表已更新。");
            }
            else
            {
                result.Refuse(SignedEnvelope.Code(o), "Registry refused: " + SignedEnvelope.Code(o) + (error != null ? " (" + error + ")" : ""), "登记表被拒绝：" + SignedEnvelope.Code(o));
            }
        }

        /// <summary>
        /// The one verify/accept path of a configuration envelope, pushed whole (update_config) or in
        /// chunks (config_chunk): MAC, type, gateway, counter (SignedEnvelope), then the content
        /// (GatewayConfigReader), then the board/host check (<see cref="HostCheck"/>). Only then is it pending; every refusal leaves the running
        /// configuration and the pending one as they were.
        /// </summary>
        private void AcceptConfig(EnvelopeOutcome o, byte[] body, long counter, long issued, CommandResult result)
        {
            if (o != EnvelopeOutcome.Accepted)
            {
                result.Refuse(SignedEnvelope.Code(o), "Configuration refused: " + SignedEnvelope.Code(o), "配置被拒绝：" + SignedEnvelope.Code(o));
                return;
            }
            ValidationErrors errors = new ValidationErrors();
            GatewayConfig candidate = ConfigPipeline.Read(body, 0, body.Length, null, errors);
            if (candidate == null)
            {
                RefuseInvalid(errors, result);
                return;
            }
            if (candidate.GatewayId != _gatewayId)
            {
                result.Refuse("wrong_gateway", "The configuration is for gateway " + candidate.GatewayId + ".", "该配置属于网关 " + candidate.GatewayId + "。");
                return;
            }
            ConfigPipeline.CheckBoardAndHost(candidate, null, HostCheck, errors);
            if (errors.HasErrors)
            {
                RefuseInvalid(errors, result);
                return;
            }
            PendingConfig = body;
            PendingConfigCounter = counter;
            PendingConfigIssuedUtcMs = issued;
            RecordSimple(EventKind.ConfigReceived, candidate.Hash, "accepted");
            result.Accept("Configuration " + candidate.Hash + " accepted; applied at restart.", "配置 " + candidate.Hash + " 已接受，重启后生效。");
            result.ConfigHash = candidate.Hash;
        }

        /// <summary>config_invalid with the first error (not a warning): its path and reason in English and Chinese.</summary>
        private static void RefuseInvalid(ValidationErrors errors, CommandResult result)
        {
            ValidationError first = errors[0];
            for (int i = 0; i < errors.Count; i++)
            {
                if (!errors[i].IsWarning)
                {
                    first = errors[i];
                    break;
                }
            }
            result.Refuse("config_invalid", "Configuration invalid, the last good one stays: " + first.Path + ": " + first.English,
                "配置无效，保留上一份有效配置：" + first.Path + "：" + first.Chinese);
        }

        /// <summary>
        /// One chunk of a configuration transfer (docs/mqtt.md, "Configuration transfer"). The reply
        /// names the next chunk expected; the last chunk's reply is the configuration's verdict, and a
        /// retransmission of any chunk of an ended transfer gets that verdict again.
        /// </summary>
        private void ConfigChunk(JsonValue args, CommandResult result)
        {
            if (_transfer == null)
            {
                result.Refuse(CommandReasons.NotSupported);
                return;
            }
            string id, sha, data;
            long index, count, total;
            if (args == null || !args.TryGetString("transfer", out id) || !args.TryGetLong("index", out index) || !args.TryGetLong("count", out count)
                || !args.TryGetLong("total", out total) || !args.TryGetString("sha256", out sha) || !args.TryGetString("data", out data))
            {
                Refuse(ChunkOutcome.BadArguments, result);
                return;
            }
            ChunkOutcome o = _transfer.Offer(id, index, count, total, sha, data);
            if (o == ChunkOutcome.AlreadyEnded)
            {
                if (_transfer.EndedOk) result.Accept(_transfer.EndedEnglish, _transfer.EndedChinese);
                else result.Refuse(_transfer.EndedCode, _transfer.EndedEnglish, _transfer.EndedChinese);
                result.ConfigHash = _transfer.EndedConfigHash;
            }
            else if (o == ChunkOutcome.Complete)
            {
                CompleteTransfer(id, result);
            }
            else if (ChunkOutcomeText.IsRefusal(o))
            {
                Refuse(o, result);
            }
            else
            {
                result.Accept("chunk " + (index + 1) + " of " + count + (o == ChunkOutcome.Duplicate ? " already stored" : " stored"),
                    "第 " + (index + 1) + "/" + count + " 块" + (o == ChunkOutcome.Duplicate ? "已保存过" : "已保存"));
            }
            result.NextChunk = _transfer.NextIndexFor(id);
        }

        /// <summary>The last chunk arrived: read the envelope back, verify it, and remember the verdict for retransmissions.</summary>
        private void CompleteTransfer(string id, CommandResult result)
        {
            int chunkCount = _transfer.Count;
            ChunkOutcome read;
            byte[] envelope = _transfer.TakeEnvelope(_ports.NewSha256(), out read);
            if (envelope == null)
            {
                Refuse(read, result);
            }
            else
            {
                byte[] body;
                long counter, issued;
                EnvelopeOutcome e = SignedEnvelope.Open(envelope, 0, envelope.Length, "config", _gatewayId, _boot.Key, PendingConfigCounter,
                    out body, out counter, out issued);
                AcceptConfig(e, body, counter, issued, result);
            }
            _transfer.RememberEnd(id, chunkCount, result.Ok, result.Code, result.English, result.Chinese, result.ConfigHash);
        }

        private static void Refuse(ChunkOutcome o, CommandResult result)
        {
            result.Refuse(ChunkOutcomeText.Code(o), ChunkOutcomeText.English(o), ChunkOutcomeText.Chinese(o));
        }

        /// <summary>Once per scan: a transfer without a chunk for 60 s is discarded, and the event says so.</summary>
        public void ExpireTransfer()
        {
            if (_transfer == null || !_transfer.IsActive) return;
            string id = _transfer.ActiveId;
            if (_transfer.Expire())
            {
                _events.Begin("config_transfer_expired", id == null ? "" : id, "warning",
                    "configuration transfer " + id + " expired (no chunk for 60 s): discarded, the running configuration stays",
                    "配置传输 " + id + " 已过期（60 秒未收到分块）：已丢弃，保留当前配置");
                _events.Commit();
            }
        }

        private void RecordSimple(EventKind kind, string subject, string reason)
        {
            _events.Begin(kind, subject == null ? "" : subject, reason, EventKinds.English(kind), EventKinds.Chinese(kind));
            _events.Commit();
        }
    }
}
