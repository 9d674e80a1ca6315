using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Routing;

namespace OrleansGroq.Silo.Admin;

/// <summary>
/// Builds <c>GET /admin/quotas</c> from this silo's quota slices of every configured account and chat model. Pairs this node
/// never used and that have no configured limit are left out: they have nothing to show.
/// </summary>
internal static class QuotaViews
{
    public static async Task<QuotaList> ReadAsync(IApiKeyPool pool, ModelCatalog catalog, IModelQuotas quotas)
    {
        var views = new List<QuotaView>();
        foreach (var account in pool.Keys.Select(k => k.Account).Distinct(StringComparer.Ordinal))
        {
            foreach (var model in catalog.Models.Where(m => m.Capabilities.HasFlag(ModelCapabilities.Text)))
            {
                var snapshot = await quotas.Get(new QuotaKey(account, model.Id)).GetSnapshotAsync();
                if (snapshot.LeaseStatements > 0 || snapshot.Limits != QuotaLimits.Unlimited)
                {
                    views.Add(ToView(snapshot));
                }
            }
        }

        return new QuotaList(views);
    }

    private static QuotaView ToView(ModelQuotaSnapshot s)
    {
        var remaining = s.Shared?.Available;
        var leased = s.Shared?.LeasedOut;
        return new QuotaView(
            s.Account,
            s.Model,
            new QuotaFigures(s.Limits.Rpm, s.Limits.Rpd, s.Limits.Tpm, s.Limits.Tpd),
            new QuotaFigures(remaining?.Rpm ?? 0, remaining?.Rpd ?? 0, remaining?.Tpm ?? 0, remaining?.Tpd ?? 0),
            new QuotaFigures(leased?.Rpm ?? 0, leased?.Rpd ?? 0, leased?.Tpm ?? 0, leased?.Tpd ?? 0),
            s.UsedRequests,
            s.UsedTokens,
            s.SliceRequests,
            s.SliceTokens,
            s.Denied,
            s.RateLimited,
            s.LeaseStatements);
    }
}
