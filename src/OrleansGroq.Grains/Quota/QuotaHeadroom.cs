using System.Collections.Concurrent;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Abstractions.Routing;

namespace OrleansGroq.Grains.Quota;

/// <summary>
/// How much budget each model has left, as the quota grains last saw their shared buckets: the router reads it on
/// every request, so it is a lock-free board the grains post to, not a grain call. A model counts the account with
/// the most room, since the forwarder moves a request to whichever account has budget.
/// </summary>
public sealed class QuotaHeadroom : IModelHeadroom
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, double>> _byModel = new(StringComparer.Ordinal);

    public double RemainingFraction(string modelId) =>
        _byModel.TryGetValue(modelId, out var accounts) && !accounts.IsEmpty ? accounts.Values.Max() : 1.0;

    /// <summary>Posts what an account's buckets hold for a model, as the share of the tightest limit that is left.</summary>
    internal void Post(QuotaKey key, QuotaLimits limits, (long Requests, long Tokens) room)
    {
        var requests = Share(room.Requests, Math.Min(Positive(limits.Rpm), Positive(limits.Rpd)));
        var tokens = Share(room.Tokens, Math.Min(Positive(limits.Tpm), Positive(limits.Tpd)));
        _byModel.GetOrAdd(key.Model, static _ => new ConcurrentDictionary<string, double>(StringComparer.Ordinal))[key.Account] = Math.Min(requests, tokens);
    }

    private static long Positive(long limit) => limit > 0 ? limit : long.MaxValue;

    private static double Share(long room, long capacity) => capacity == long.MaxValue ? 1.0 : Math.Clamp((double)room / capacity, 0, 1);
}
