using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Quota;

namespace OrleansGroq.Grains.Quota;

/// <summary>
/// This silo's slice of one account and model's budget. A reservation the slice covers is served within the turn,
/// with no I/O. A short slice leases more in one statement, asking for what is missing plus a slice of traffic (see
/// <c>ModelQuota.Sizing.cs</c>). The grain keeps a view of the shared buckets (<see cref="SharedBucketView"/>):
/// when even that lacks the budget, it refuses without asking the store, saying how long the refill takes. Groq's
/// headers and 429s lower limits and buckets (<c>ModelQuota.Calibration.cs</c>); unused slices go back after a
/// quiet spell and at deactivation (<c>ModelQuota.Idle.cs</c>).
/// </summary>
internal sealed partial class ModelQuota(
    QuotaKey key,
    IQuotaLeaseStore store,
    QuotaHeadroom headroom,
    IOptions<QuotaOptions> options,
    TimeProvider clock,
    ILogger<ModelQuota> logger) : IModelQuota
{
    // After the store failed, a short slice answers Unavailable for this long instead of waiting on the store again
    // on every request.
    private static readonly TimeSpan StoreRetryDelay = TimeSpan.FromSeconds(1);

    private readonly QuotaOptions _options = options.Value;
    private readonly QuotaKey _key = key;
    private QuotaLimits _limits = options.Value.LimitsFor(key.Account, key.Model);
    private SharedBucketView? _shared;
    private QuotaAmount _slice;
    private DateTimeOffset _storeRetryAt;

    private long _leasedRequests;
    private long _leasedTokens;
    private long _returnedRequests;
    private long _returnedTokens;
    private long _usedRequests;
    private long _usedTokens;
    private long _denied;
    private long _rateLimited;
    private long _leaseStatements;
    private long _storeStatements;

    private async ValueTask<Reservation> TryReserveInTurnAsync(ReserveRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(request.EstimatedTokens);
        var now = clock.GetUtcNow();
        _lastActivity = now;
        var cost = new QuotaAmount(_limits.LimitsRequests ? 1 : 0, _limits.LimitsTokens ? request.EstimatedTokens : 0);
        if (cost.IsZero)
        {
            return Grant(cost);
        }

        var batch = request.Priority == QuotaPriority.Batch;
        var reserve = _options.SafetyMargin + (batch ? _options.BatchReserve : 0);
        var largest = QuotaBucketSet.MaxGrant(_limits, reserve);
        if (cost.Requests > largest.Requests || cost.Tokens > largest.Tokens)
        {
            _denied++;
            return new Reservation(ReservationStatus.TooLarge, 0, TimeSpan.Zero);
        }

        RecordDemand(cost, batch, now);

        // Batch work leaves in the slice what interactive work is expected to need before the next lease.
        var keep = batch ? Target(_interactiveRequestRate, _interactiveTokenRate, now) : QuotaAmount.Zero;
        var need = Shortfall(cost + keep);
        if (need.IsZero)
        {
            return Grant(cost);
        }

        if (now < _storeRetryAt)
        {
            return Unavailable(now);
        }

        if (_shared?.TimeUntil(need, reserve, now) is { } wait && wait > TimeSpan.Zero)
        {
            return Deny(wait);
        }

        if (!await LeaseAsync(need + Extra(cost, need, reserve, now), reserve, now))
        {
            return Unavailable(now);
        }

        need = Shortfall(cost + keep);
        return need.IsZero ? Grant(cost) : Deny(_shared!.TimeUntil(need, reserve, now));
    }

    private void SettleInTurn(long reservedTokens, long actualTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(reservedTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(actualTokens);
        _lastActivity = clock.GetUtcNow();
        _usedTokens += actualTokens;
        if (_limits.LimitsTokens)
        {
            _slice = _slice with { Tokens = _slice.Tokens + reservedTokens - actualTokens };
            ArmIdleTimer(_options.IdleReturnAfter);
        }
    }

    private void ReleaseInTurn(long reservedTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(reservedTokens);
        _lastActivity = clock.GetUtcNow();
        _usedRequests--;
        _slice += new QuotaAmount(_limits.LimitsRequests ? 1 : 0, _limits.LimitsTokens ? reservedTokens : 0);
        ArmIdleTimer(_options.IdleReturnAfter);
    }

    private async ValueTask<ModelQuotaSnapshot> GetSnapshotInTurnAsync()
    {
        QuotaBucketState? shared = null;
        if (_limits != QuotaLimits.Unlimited)
        {
            try
            {
                shared = await store.ReadAsync(_key, clock.GetUtcNow(), CancellationToken.None);
            }
            catch (Exception exception)
            {
                Log.StoreFailed(logger, _key.Account, _key.Model, "read", exception);
            }
        }

        return new ModelQuotaSnapshot
        {
            Account = _key.Account,
            Model = _key.Model,
            Limits = _limits,
            SliceRequests = _slice.Requests,
            SliceTokens = _slice.Tokens,
            LeasedRequests = _leasedRequests,
            LeasedTokens = _leasedTokens,
            ReturnedRequests = _returnedRequests,
            ReturnedTokens = _returnedTokens,
            UsedRequests = _usedRequests,
            UsedTokens = _usedTokens,
            Denied = _denied,
            RateLimited = _rateLimited,
            LeaseStatements = _leaseStatements,
            StoreStatements = _storeStatements,
            Shared = shared,
        };
    }

    private Reservation Grant(QuotaAmount cost)
    {
        _slice = new QuotaAmount(_slice.Requests - cost.Requests, _slice.Tokens - cost.Tokens);
        _usedRequests++;
        return new Reservation(ReservationStatus.Granted, cost.Tokens, TimeSpan.Zero);
    }

    private Reservation Deny(TimeSpan retryAfter)
    {
        _denied++;
        return new Reservation(ReservationStatus.Exhausted, 0, retryAfter);
    }

    private Reservation Unavailable(DateTimeOffset now)
    {
        _denied++;
        return new Reservation(ReservationStatus.Unavailable, 0, _storeRetryAt - now);
    }

    /// <summary>What the slice lacks for <paramref name="wanted"/>, per dimension.</summary>
    private QuotaAmount Shortfall(QuotaAmount wanted) =>
        new(Math.Max(0, wanted.Requests - _slice.Requests), Math.Max(0, wanted.Tokens - _slice.Tokens));

    private async Task<bool> LeaseAsync(QuotaAmount ask, double reserve, DateTimeOffset now)
    {
        var ceilings = _pending.Take(_limits, now);
        _leaseStatements++;
        _storeStatements++;
        QuotaLease lease;
        try
        {
            lease = await store.LeaseAsync(_key, _limits, new QuotaAsk(ask.Requests, ask.Tokens, reserve, ceilings), now, CancellationToken.None);
        }
        catch (Exception exception)
        {
            KeepPending(ceilings, now);
            _storeRetryAt = now + StoreRetryDelay;
            Log.StoreFailed(logger, _key.Account, _key.Model, "lease", exception);
            return false;
        }

        _slice += new QuotaAmount(lease.GrantedRequests, lease.GrantedTokens);
        _leasedRequests += lease.GrantedRequests;
        _leasedTokens += lease.GrantedTokens;
        if (_shared is null)
        {
            _shared = new SharedBucketView(lease.State, now);
        }
        else
        {
            _shared.AdoptLease(lease, now);
        }

        if (lease.State.Limits != _limits)
        {
            await ReconcileLimitsAsync(lease.State.Limits, now);
        }

        PostHeadroom(now);

        ArmIdleTimer(_options.IdleReturnAfter);
        return true;
    }

    /// <summary>Takes a store's answer, other than a lease's, as what the shared buckets hold.</summary>
    private void Adopt(QuotaBucketState state, DateTimeOffset now)
    {
        if (_shared is null)
        {
            _shared = new SharedBucketView(state, now);
        }
        else
        {
            _shared.Adopt(state, now);
        }

        PostHeadroom(now);
    }

    /// <summary>Tells the router how much of this account's budget for the model the cluster has left, slice included.</summary>
    private void PostHeadroom(DateTimeOffset now)
    {
        var (requests, tokens) = _shared!.Room(0, now);
        headroom.Post(_key, _limits, (SaturatingAdd(requests, _slice.Requests), SaturatingAdd(tokens, _slice.Tokens)));
    }

    private static long SaturatingAdd(long a, long b) => a == long.MaxValue || b > long.MaxValue - a ? long.MaxValue : a + b;
}
