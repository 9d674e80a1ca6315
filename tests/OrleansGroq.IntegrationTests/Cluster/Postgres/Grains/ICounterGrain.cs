using Orleans;

namespace OrleansGroq.IntegrationTests.Cluster.Postgres.Grains;

/// <summary>A grain whose one number is persistent state in the PostgreSQL grain storage.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> GetAsync();

    Task SetAsync(int value);

    /// <summary>The silo this activation runs on, as <c>SiloAddress.ToString()</c>.</summary>
    Task<string> SiloAsync();
}
