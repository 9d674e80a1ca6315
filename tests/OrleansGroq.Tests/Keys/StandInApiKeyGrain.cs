using Orleans.Runtime;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Upstream;
using OrleansGroq.Grains.Keys;

namespace OrleansGroq.Tests.Keys;

/// <summary>
/// A key grain without a silo: the cooldown policy and the grain's max-deadline merge (<see cref="CooldownMerge"/>)
/// over in-memory state, a version per change, and every change told to the board of every silo in the membership that
/// is not dead before the caller hears of it, as <c>ApiKeyGrain</c> does. Storage, logging and messaging are the
/// integration tests' concern. Counts the reports it gets, so that tests can see which answers cost a grain call.
/// </summary>
internal sealed class StandInApiKeyGrain(ApiKeyInfo key, StandInKeyGrains cluster, TimeProvider clock, TimeSpan defaultCooldown) : IApiKeyGrain
{

    public ApiKeyState State { get; set; } = new();

    public int Reports { get; private set; }

    public int Subscriptions { get; private set; }

    /// <summary>The silos whose boards subscribed, each once, in the order they first did.</summary>
    public List<SiloAddress> Subscribers { get; } = [];

    /// <summary>How many of the next subscriptions fail, as a call to a grain whose silo just died does.</summary>
    public int FailingSubscriptions { get; set; }

    /// <summary>How many of the next reports fail, as a call routed to a silo that just died does.</summary>
    public int FailingReports { get; set; }

    public ApiKeyStatus Status => new(key, State.CoolingUntil, State.CooldownReason, State.Disabled, State.CoolingModel, State.Version);

    public ValueTask<ApiKeyState> GetStateAsync() => ValueTask.FromResult(State);

    public async ValueTask<ApiKeyStatus> ReportOutcomeAsync(UpstreamOutcome outcome)
    {
        Reports++;
        if (FailingReports > 0)
        {
            FailingReports--;
            throw new SiloUnavailableException("The target silo became unavailable.");
        }

        var now = clock.GetUtcNow();
        var decision = CooldownPolicy.Evaluate(outcome, now, defaultCooldown);
        var current = State;
        var next = CooldownMerge.Merge(current, decision.CoolUntil, decision.Reason, outcome.Model, decision.Disable, now);
        if (ReferenceEquals(next, current))
        {
            return Status;
        }

        State = next with { Version = current.Version + 1 };
        var status = Status;
        await cluster.TellAsync(status);
        return status;
    }

    public ValueTask<ApiKeyStatus> SubscribeAsync(SiloAddress silo)
    {
        if (FailingSubscriptions > 0)
        {
            FailingSubscriptions--;
            return ValueTask.FromException<ApiKeyStatus>(new SiloUnavailableException("The target silo became unavailable."));
        }

        Subscriptions++;
        if (!Subscribers.Contains(silo))
        {
            Subscribers.Add(silo);
        }

        return ValueTask.FromResult(Status);
    }
}
