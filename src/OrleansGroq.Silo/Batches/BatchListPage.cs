using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using OrleansGroq.Abstractions.Batches;
using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Batches;

/// <summary>
/// The page of a tenant's batches that <c>GET /v1/batches</c> asks for, read alike in both batch modes: at most
/// <c>limit</c> (1 to 100, 20 by default) batches after the one <c>after</c> names, and whether more follow.
/// </summary>
internal sealed record BatchListPage(IReadOnlyList<OwnedObject> Batches, bool HasMore)
{
    private const int DefaultLimit = 20;
    private const int MaxLimit = 100;

    /// <summary>Reads <c>limit</c> before the tenant's batches are listed, so that a bad one costs no call.</summary>
    public static bool TryReadLimit(IQueryCollection query, out int limit, [NotNullWhen(false)] out IResult? error)
    {
        limit = DefaultLimit;
        error = null;
        if (query["limit"].ToString() is { Length: > 0 } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            error = GatewayErrors.InvalidRequest($"Invalid 'limit': expected an integer from 1 to {MaxLimit}.", "limit", "invalid_value");
            return false;
        }

        return true;
    }

    /// <summary>The page of <paramref name="owned"/>, the tenant's batches in the order they are listed; an unknown <c>after</c> gives an empty page.</summary>
    public static BatchListPage Select(IQueryCollection query, IReadOnlyList<OwnedObject> owned, int limit)
    {
        var start = 0;
        if (query["after"].ToString() is { Length: > 0 } after)
        {
            start = owned.Count;
            for (var i = 0; i < owned.Count; i++)
            {
                if (owned[i].Id == after)
                {
                    start = i + 1;
                    break;
                }
            }
        }

        var page = owned.Skip(start).Take(limit).ToList();
        return new BatchListPage(page, start + page.Count < owned.Count);
    }
}
