using OrleansGroq.Emulator.Faults;

namespace OrleansGroq.Emulator.Tests.Faults;

public sealed class FaultInjectorTests
{
    private readonly FaultInjector _faults = new();

    private bool Fires(string key = "a", string model = "m", RequestKind kind = RequestKind.Chat) => _faults.Evaluate(key, model, kind) is not null;

    [Fact]
    public void Request_numbers_count_only_requests_matching_the_filters()
    {
        _faults.Add(new FaultRule { Kind = FaultKind.Status500, Key = "a", RequestNumbers = [2] });

        Assert.False(Fires("b"));
        Assert.False(Fires("a"));
        Assert.False(Fires("b"));
        Assert.True(Fires("a"));
        Assert.False(Fires("a"));
    }

    [Fact]
    public void Times_limits_firings()
    {
        _faults.Add(new FaultRule { Kind = FaultKind.Status503, Model = "m", Times = 2 });

        Assert.Equal([true, true, false], new[] { Fires(), Fires(), Fires() });
        Assert.False(Fires(model: "other"));
    }

    [Fact]
    public void Probability_is_deterministic()
    {
        var other = new FaultInjector();
        _faults.Add(new FaultRule { Kind = FaultKind.Status502, Probability = 0.5 });
        other.Add(new FaultRule { Kind = FaultKind.Status502, Probability = 0.5 });

        var first = Enumerable.Range(0, 200).Select(_ => Fires()).ToList();
        var second = Enumerable.Range(0, 200).Select(_ => other.Evaluate("a", "m", RequestKind.Chat) is not null).ToList();

        Assert.Equal(first, second);
        Assert.InRange(first.Count(f => f), 70, 130);
    }

    [Fact]
    public void Mid_stream_faults_only_strike_streams()
    {
        _faults.Add(new FaultRule { Kind = FaultKind.ResetMidStream, RequestNumbers = [1] });

        Assert.False(Fires(kind: RequestKind.Chat));
        Assert.False(Fires(kind: RequestKind.Transcription));
        Assert.True(Fires(kind: RequestKind.ChatStream));
    }

    [Fact]
    public void The_first_added_rule_wins_and_clear_removes_all()
    {
        _faults.Add(new FaultRule { Kind = FaultKind.Status500 });
        _faults.Add(new FaultRule { Kind = FaultKind.Status503 });

        Assert.Equal(FaultKind.Status500, _faults.Evaluate("a", "m", RequestKind.Chat)!.Kind);
        _faults.Clear();
        Assert.False(Fires());
    }
}
