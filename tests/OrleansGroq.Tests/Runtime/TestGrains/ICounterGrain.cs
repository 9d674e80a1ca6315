using OrleansGroq.Abstractions.Runtime;

namespace OrleansGroq.Tests.Runtime;

public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds to the counter (state marked dirty, not written) and returns the new value.</summary>
    ValueTask<int> AddAsync(int amount);

    /// <summary>Returns the counter.</summary>
    ValueTask<int> GetAsync();

    /// <summary>Returns the id of the activation that served the call.</summary>
    ValueTask<int> GetActivationIdAsync();

    /// <summary>Writes the counter now.</summary>
    ValueTask SaveAsync();

    /// <summary>Throws from inside a turn.</summary>
    ValueTask<int> FailAsync(string message);
}
