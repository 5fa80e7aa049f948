using Qinshui.Edge.Simulator.Scenarios.Gateway;

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
            var r = new ExpectationResult { Id = e.Id, Description = e.Describe() };
            var missing = e.Requires & ~capabilities;
            if (missing != GatewayCapabilities.None)
            {
                r.Verdict = Verdict.NotEvaluable;
                r.Detail = $"needs {missing.ToString().ToLowerInvariant()}; the gateway in this run ({gatewayDescription}) cannot answer it yet";
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
                t.Result.Detail = $"the run was cut short at {Duration.Format(endMs)}: {t.Result.Detail}";
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
                            Result.Detail = $"after {e.When.Describe()} at {Duration.Format(oldest)}, {e.Then.Describe()} did not hold within {Duration.Format(e.WithinMs)}";
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
                        Result.Detail = e.Kind == ExpectationKind.Never
                            ? $"{e.Condition.Describe()} held at {Duration.Format(s.NowMs)}"
                            : $"{e.Condition.Describe()} did not hold at {Duration.Format(s.NowMs)}";
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
                Result.Detail = $"{_count} by {Duration.Format(s.NowMs)}, more than the {e.AtMost} allowed";
            }
        }

        public void Finish(long endMs, ISimulatedGateway gateway)
        {
            switch (e.Kind)
            {
                case ExpectationKind.Count:
                    Result.MeasuredMs = null;
                    if (_failed) Result.Verdict = Verdict.Failed;
                    else if (Result.Occurrences == 0) Fail("the window contained no step: nothing was counted");
                    else if (e.UntilMs is long u && endMs < u) Fail($"the run ended at {Duration.Format(endMs)}, before the window closed at {Duration.Format(u)}");
                    else Pass($"{_count} (at most {e.AtMost}) over {Result.Occurrences} steps");
                    if (_failed) Result.Detail = $"counted {_count} (at most {e.AtMost}): " + Result.Detail;
                    break;
                case ExpectationKind.Within:
                    if (Result.Occurrences == 0)
                    {
                        Fail($"the trigger ({e.When!.Describe()}) never happened: the scenario does not exercise this expectation");
                    }
                    else if (_failed) Result.Verdict = Verdict.Failed;
                    else if (_pendingEdges.Count > 0 && endMs - _pendingEdges[0] <= e.WithinMs)
                        Fail($"the run ended {Duration.Format(endMs - _pendingEdges[0])} after the trigger at {Duration.Format(_pendingEdges[0])}, before the {Duration.Format(e.WithinMs)} limit could be judged");
                    else Pass($"{Result.Occurrences} trigger(s), worst reaction {Result.MeasuredMs} ms");
                    break;
                case ExpectationKind.Eventually:
                    if (_held) Pass($"held at {Duration.Format(Result.AtMs ?? 0)}");
                    else Fail($"{e.Condition!.Describe()} never held{(e.ByMs is long b ? " by " + Duration.Format(b) : "")}");
                    break;
                case ExpectationKind.Never:
                case ExpectationKind.Always:
                    if (_failed) Result.Verdict = Verdict.Failed;
                    else if (Result.Occurrences == 0) Fail("the window contained no step");
                    else Pass($"checked at {Result.Occurrences} steps");
                    break;
                case ExpectationKind.Check:
                    if (gateway.TryCheck(e.Check, out bool passed, out string detail))
                    {
                        if (passed) Pass(detail);
                        else Fail(detail);
                    }
                    else
                    {
                        Result.Verdict = Verdict.NotEvaluable;
                        Result.Detail = $"the gateway ({gateway.Description}) does not answer '{e.Check}'";
                    }
                    break;
                case ExpectationKind.Reply:
                    if (!gateway.TryGetReply(e.CommandId, out bool accepted, out string reason)) Fail($"no reply to command {e.CommandId}");
                    else if (accepted != e.ReplyAccepted || (!accepted && e.ReplyReason.Length > 0 && reason != e.ReplyReason))
                        Fail($"reply was {(accepted ? "accepted" : "refused " + reason)}");
                    else Pass(accepted ? "accepted" : "refused " + reason);
                    break;
            }
        }

        private void Pass(string detail)
        {
            Result.Verdict = Verdict.Passed;
            Result.Detail = detail;
        }

        private void Fail(string detail)
        {
            Result.Verdict = Verdict.Failed;
            Result.Detail = detail;
        }
    }
}
