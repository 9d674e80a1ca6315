using OrleansGroq.Emulator.Determinism;

namespace OrleansGroq.Emulator.Faults;

/// <summary>
/// Holds the active fault rules and decides, per request, which one fires. Each rule counts the
/// requests its filters match (for <c>request_numbers</c>) and draws from its own seeded generator
/// (for <c>probability</c>), so a scripted run replays the same way.
/// </summary>
internal sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<ActiveRule> _rules = [];
    private int _nextId;
    private volatile bool _any;

    public string Add(FaultRule rule)
    {
        lock (_gate)
        {
            var id = $"fault_{++_nextId}";
            _rules.Add(new ActiveRule(id, rule));
            _any = true;
            return id;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            _any = false;
        }
    }

    /// <summary>The rule that fires on this request, or null.</summary>
    public FaultRule? Evaluate(string keyAlias, string model, RequestKind kind)
    {
        if (!_any)
        {
            return null;
        }

        lock (_gate)
        {
            FaultRule? fired = null;
            foreach (var rule in _rules)
            {
                if (rule.Matches(keyAlias, model, kind) && rule.Fires() && fired is null)
                {
                    fired = rule.Rule;
                    rule.Fired++;
                }
            }

            return fired;
        }
    }

    private static bool Fits(FaultKind fault, RequestKind kind) => fault switch
    {
        FaultKind.StallMidStream or FaultKind.ResetMidStream or FaultKind.MalformedChunk or FaultKind.ErrorEvent => kind == RequestKind.ChatStream,
        FaultKind.JsonValidateFailed => kind != RequestKind.Transcription,
        _ => true,
    };

    private sealed class ActiveRule(string id, FaultRule rule)
    {
        private DeterministicRandom _random = new(StableHash.Of(System.Text.Encoding.UTF8.GetBytes(id)));
        private int _matched;

        public FaultRule Rule => rule;

        public int Fired { get; set; }

        public bool Matches(string keyAlias, string model, RequestKind kind)
        {
            if ((rule.Key is not null && rule.Key != keyAlias) || (rule.Model is not null && rule.Model != model) || !Fits(rule.Kind, kind))
            {
                return false;
            }

            _matched++;
            return true;
        }

        public bool Fires()
        {
            if (rule.Times is { } times && Fired >= times)
            {
                return false;
            }

            if (rule.RequestNumbers is { } numbers && !numbers.Contains(_matched))
            {
                return false;
            }

            return rule.Probability is not { } p || _random.NextDouble() < p;
        }
    }
}
