namespace OrleansGroq.Tests.Runtime;

public sealed record CounterState
{
    public int Value { get; init; }
}
