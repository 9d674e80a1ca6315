namespace OrleansGroq.Abstractions.Quota;

/// <summary>This silo's quota slices, one per account and model, created on first use.</summary>
public interface IModelQuotas
{
    /// <summary>Returns the slice of <paramref name="key"/>'s budget that this silo holds.</summary>
    IModelQuota Get(QuotaKey key);

    /// <summary>The slices this silo has used so far.</summary>
    IReadOnlyCollection<IModelQuota> All { get; }
}
