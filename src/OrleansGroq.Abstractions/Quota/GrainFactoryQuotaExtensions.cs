using OrleansGroq.Abstractions.Runtime;

namespace OrleansGroq.Abstractions.Quota;

/// <summary>Finds the quota grain of an account and model.</summary>
public static class GrainFactoryQuotaExtensions
{
    /// <summary>Returns the <see cref="IModelQuotaGrain"/> of <paramref name="account"/> and <paramref name="model"/>.</summary>
    public static IModelQuotaGrain GetModelQuotaGrain(this IGrainFactory grains, string account, string model)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IModelQuotaGrain>(new QuotaKey(account, model).ToString());
    }
}
