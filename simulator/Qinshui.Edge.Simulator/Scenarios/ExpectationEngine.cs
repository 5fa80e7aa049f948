using Qinshui.Edge.Simulator.Scenarios.Gateway;
using Qinshui.Edge.Simulator.Texts;

namespace Qinshui.Edge.Simulator.Scenarios;

/// <summary>
/// Evaluates expectations step by step and records measured times. The resolution of a measured
/// time is the scenario's step: a reaction reported as 0 ms happened in the same step.
/// </summary>
public sealed class ExpectationEngine
{
    private readonly List<Tracker> _trackers = new();

    public ExpectationEngine(IEnumerable<Expectation> expectations, GatewayCapabilities capabilities, string gatewayDescription)
    {
        foreach (var e in expectations)
        {
            var r = new ExpectationResult { Id = e.Id, Description = e.Describe(), DescriptionZh = ExpectationText.Describe(e).Zh };
            var missing = e.Requires & ~capabilities;
            if (missing != GatewayCapabilities.None)
            {
                r.Verdict = Verdict.NotEvaluable;
                r.SetDetail(new($"needs {missing.ToString().ToLowerInvariant()}; the gateway in this run ({gatewayDescription}) cannot answer it yet", "本次运行的网关尚不具备评估此项所需的功能"));
            }
            if (e.Kind == ExpectationKind.Within) r.LimitMs = e.WithinMs;
            if (e.Kind == ExpectationKind.Eventually) r.LimitMs = e.ByMs;
            _trackers.Add(new Tracker(e, r, r.Verdict != Verdict.NotEvaluable));
        }
    }

    public IEnumerable<ExpectationResult> Results => _trackers.Select(t => t.Result);

    public void Observe(RunState s)
    {
        foreach (var t in _trackers)
        {
            if (t.Active) t.Observe(s);
        }
    }

    /// <summary>Ends the run at endMs and settles every verdict.</summary>
    /// <param name="cutShort">The run ended before the scenario's duration (--duration): what could not be reached is not evaluable, not failed.</param>
    public IReadOnlyList<ExpectationResult> Finish(long endMs, ISimulatedGateway gateway, bool cutShort = false)
    {
        foreach (var t in _trackers)
        {
            if (!t.Active) continue;
            t.Finish(endMs, gateway);
            if (cutShort && t.Result.Verdict == Verdict.Failed && t.MayBeUnreached)
            {
                t.Result.Verdict = Verdict.NotEvaluable;
                t.Result.SetDetail(new($"the run was cut short at {Duration.Format(endMs)}: {t.Result.Detail}", $"运行在 {Duration.Format(endMs)} 提前结束：{t.Result.DetailIn("zh")}"));
            }
        }
        return _trackers.Select(t => t.Result).ToList();
    }

    private sealed class Tracker(Expectation e, ExpectationResult r, bool active)
    {
        private readonly List<long> _pendingEdges = new();
        private bool _lastWhen;
        private bool _failed;
        private bool _held;
        private long _worst = -1;
        private int _count;
        private long _messagesBefore = -1;

        public bool Active { get; } = active;

        /// <summary>Failed only for want of time (trigger or condition not reached yet), not by a contradiction.</summary>
        public bool MayBeUnreached => e.Kind switch
        {
            ExpectationKind.Within or ExpectationKind.Count => !_failed,
            ExpectationKind.Eventually => true,
            ExpectationKind.Check or ExpectationKind.Reply => true,
            _ => false,
        };
        public ExpectationResult Result { get; } = r;

        public void Observe(RunState s)
        {
            switch (e.Kind)
            {
                case ExpectationKind.Within:
                {
                    bool when = e.When!.Evaluate(s);
                    if (when && !_lastWhen)
                    {
                        _pendingEdges.Add(s.NowMs);
                        Result.Occurrences++;
                        Result.AtMs ??= s.NowMs;
                    }
                    _lastWhen = when;
                    if (_pendingEdges.Count == 0) break;
                    if (e.Then!.Evaluate(s))
                    {
                        foreach (long edge in _pendingEdges) _worst = Math.Max(_worst, s.NowMs - edge);
                        _pendingEdges.Clear();
                        Result.MeasuredMs = _worst;
                    }
                    else
                    {
                        long oldest = _pendingEdges[0];
                        if (s.NowMs - oldest > e.WithinMs && !_failed)
                        {
                            _failed = true;
                            Result.SetDetail(new($"after {e.When.Describe()} at {Duration.Format(oldest)}, {e.Then.Describe()} did not hold within {Duration.Format(e.WithinMs)}",
                                $"{Duration.Format(oldest)} 出现 {ExpectationText.Condition(e.When).Zh} 后，{Duration.Format(e.WithinMs)} 内未达到 {ExpectationText.Condition(e.Then).Zh}"));
                            _worst = Math.Max(_worst, s.NowMs - oldest);
                            Result.MeasuredMs = _worst;
                            _pendingEdges.RemoveAt(0);
                        }
                    }
                    break;
                }
                case ExpectationKind.Eventually:
                    if (!_held && (e.ByMs == null || s.NowMs <= e.ByMs) && e.Condition!.Evaluate(s))
                    {
                        _held = true;
                        Result.MeasuredMs = s.NowMs;
                        Result.AtMs = s.NowMs;
                    }
                    break;
                case ExpectationKind.Count:
                    ObserveCount(s);
                    break;
                case ExpectationKind.Never:
                case ExpectationKind.Always:
                {
                    if (s.NowMs < e.FromMs || (e.UntilMs is long u && s.NowMs > u) || _failed) break;
                    bool c = e.Condition!.Evaluate(s);
                    Result.Occurrences++;
                    if (c == (e.Kind == ExpectationKind.Never))
                    {
                        _failed = true;
                        Result.AtMs = s.NowMs;
                        string zh = ExpectationText.Condition(e.Condition).Zh;
                        Result.SetDetail(e.Kind == ExpectationKind.Never
                            ? new($"{e.Condition.Describe()} held at {Duration.Format(s.NowMs)}", $"{Duration.Format(s.NowMs)} 时出现：{zh}")
                            : new($"{e.Condition.Describe()} did not hold at {Duration.Format(s.NowMs)}", $"{Duration.Format(s.NowMs)} 时未保持：{zh}"));
                    }
                    break;
                }
            }
        }

        /// <summary>Adds what happened in this step (inside the window) to the count.</summary>
        private void ObserveCount(RunState s)
        {
            long received = e.MessageKind.Length > 0 ? s.Gateway.Link.ReceivedByKind.GetValueOrDefault(e.MessageKind) : 0;
            bool inWindow = s.NowMs >= e.FromMs && (e.UntilMs is not long u || s.NowMs <= u);
            int n;
            if (e.MessageKind.Length > 0) n = _messagesBefore < 0 ? 0 : (int)(received - _messagesBefore);
            else if (e.Condition!.Kind == ConditionKind.Event) n = s.StepEvents.Count(x => x.Code == e.Condition.Is && (e.Condition.Subject.Length == 0 || x.Subject == e.Condition.Subject));
            else
            {
                bool now = e.Condition.Evaluate(s);
                n = now && !_lastWhen ? 1 : 0;
                _lastWhen = now;
            }
            // Messages before the window are the baseline, not counted.
            _messagesBefore = received;
            if (!inWindow) return;
            Result.Occurrences++;
            if (n == 0) return;
            _count += n;
            if (_count > e.AtMost && !_failed)
            {
                _failed = true;
                Result.AtMs = s.NowMs;
                Result.SetDetail(new($"{_count} by {Duration.Format(s.NowMs)}, more than the {e.AtMost} allowed", $"至 {Duration.Format(s.NowMs)} 已 {_count} 次，超过允许的 {e.AtMost} 次"));
            }
        }

        public void Finish(long endMs, ISimulatedGateway gateway)
        {
            switch (e.Kind)
            {
                case ExpectationKind.Count:
                    Result.MeasuredMs = null;
                    if (_failed) Result.Verdict = Verdict.Failed;
                    else if (Result.Occurrences == 0) Fail(new("the window contained no step: nothing was counted", "时间窗内没有步长：未计数"));
                    else if (e.UntilMs is long u && endMs < u) Fail(new($"the run ended at {Duration.Format(endMs)}, before the window closed at {Duration.Format(u)}", $"运行在 {Duration.Format(endMs)} 结束，早于时间窗结束 {Duration.Format(u)}"));
                    else Pass(new($"{_count} (at most {e.AtMost}) over {Result.Occurrences} steps", $"{Result.Occurrences} 个步长内 {_count} 次（至多 {e.AtMost} 次）"));
                    if (_failed) Result.SetDetail(new($"counted {_count} (at most {e.AtMost}): " + Result.Detail, $"计数 {_count}（至多 {e.AtMost}）：" + Result.DetailIn("zh")));
                    break;
                case ExpectationKind.Within:
                    if (Result.Occurrences == 0)
                    {
                        Fail(new($"the trigger ({e.When!.Describe()}) never happened: the scenario does not exercise this expectation",
                            $"触发条件（{ExpectationText.Condition(e.When).Zh}）从未出现：场景未检验此项"));
                    }
                    else if (_failed) Result.Verdict = Verdict.Failed;
                    else if (_pendingEdges.Count > 0 && endMs - _pendingEdges[0] <= e.WithinMs)
                        Fail(new($"the run ended {Duration.Format(endMs - _pendingEdges[0])} after the trigger at {Duration.Format(_pendingEdges[0])}, before the {Duration.Format(e.WithinMs)} limit could be judged",
                            $"运行在 {Duration.Format(_pendingEdges[0])} 的触发后 {Duration.Format(endMs - _pendingEdges[0])} 结束，无法判定 {Duration.Format(e.WithinMs)} 限值"));
                    else Pass(new($"{Result.Occurrences} trigger(s), worst reaction {Result.MeasuredMs} ms", $"触发 {Result.Occurrences} 次，最长响应 {Result.MeasuredMs} ms"));
                    break;
                case ExpectationKind.Eventually:
                    if (_held) Pass(new($"held at {Duration.Format(Result.AtMs ?? 0)}", $"{Duration.Format(Result.AtMs ?? 0)} 时达到"));
                    else Fail(new($"{e.Condition!.Describe()} never held{(e.ByMs is long b ? " by " + Duration.Format(b) : "")}",
                        $"{(e.ByMs is long b2 ? Duration.Format(b2) + " 前" : "")}从未达到：{ExpectationText.Condition(e.Condition).Zh}"));
                    break;
                case ExpectationKind.Never:
                case ExpectationKind.Always:
                    if (_failed) Result.Verdict = Verdict.Failed;
                    else if (Result.Occurrences == 0) Fail(new("the window contained no step", "时间窗内没有步长"));
                    else Pass(new($"checked at {Result.Occurrences} steps", $"已在 {Result.Occurrences} 个步长检查"));
                    break;
                case ExpectationKind.Check:
                    if (gateway.TryCheck(e.Check, out bool passed, out string detail))
                    {
                        // The gateway's check details are English figures; Chinese names the check and its verdict.
                        if (passed) Pass(new(detail, $"{ExpectationText.Check(e.Check)}：通过"));
                        else Fail(new(detail, $"{ExpectationText.Check(e.Check)}：未通过（{detail}）"));
                    }
                    else
                    {
                        Result.Verdict = Verdict.NotEvaluable;
                        Result.SetDetail(new($"the gateway ({gateway.Description}) does not answer '{e.Check}'", $"本次运行的网关无法回答：{ExpectationText.Check(e.Check)}"));
                    }
                    break;
                case ExpectationKind.Reply:
                    if (!gateway.TryGetReply(e.CommandId, out bool accepted, out string reason)) Fail(new($"no reply to command {e.CommandId}", $"命令 {e.CommandId} 没有回复"));
                    else if (accepted != e.ReplyAccepted || (!accepted && e.ReplyReason.Length > 0 && reason != e.ReplyReason))
                        Fail(new($"reply was {(accepted ? "accepted" : "refused " + reason)}", $"回复为{(accepted ? "已接受" : "被拒绝（" + EventCodeText.Zh(reason) + "）")}"));
                    else Pass(new(accepted ? "accepted" : "refused " + reason, accepted ? "已接受" : "被拒绝（" + EventCodeText.Zh(reason) + "）"));
                    break;
            }
        }

        private void Pass(LocalText detail)
        {
            Result.Verdict = Verdict.Passed;
            Result.SetDetail(detail);
        }

        private void Fail(LocalText detail)
        {
            Result.Verdict = Verdict.Failed;
            Result.SetDetail(detail);
        }
    }
}
