using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Abstractions.Upstream;

namespace OrleansGroq.Grains.Quota;

/// <summary>
/// One call at a time, as a grain's turns: the slice, the shared-bucket view and the counters are only touched inside a
/// turn, which may await the quota grain.
/// </summary>
internal sealed partial class ModelQuota
{
    private readonly TurnGate _turn = new();

    public QuotaKey Key => _key;

    public async ValueTask<Reservation> TryReserveAsync(ReserveRequest request)
    {
        using (await _turn.EnterAsync())
        {
            return await TryReserveInTurnAsync(request);
        }
    }

    public async ValueTask SettleAsync(long reservedTokens, long actualTokens)
    {
        using (await _turn.EnterAsync())
        {
            SettleInTurn(reservedTokens, actualTokens);
        }
    }

    public async ValueTask ReleaseAsync(long reservedTokens)
    {
        using (await _turn.EnterAsync())
        {
            ReleaseInTurn(reservedTokens);
        }
    }

    public async ValueTask CalibrateAsync(RateLimitSnapshot snapshot)
    {
        using (await _turn.EnterAsync())
        {
            await CalibrateInTurnAsync(snapshot);
        }
    }

    public async ValueTask ReportRateLimitedAsync(RateLimitKind kind)
    {
        using (await _turn.EnterAsync())
        {
            await ReportRateLimitedInTurnAsync(kind);
        }
    }

    public async ValueTask<ModelQuotaSnapshot> GetSnapshotAsync()
    {
        using (await _turn.EnterAsync())
        {
            return await GetSnapshotInTurnAsync();
        }
    }
}
