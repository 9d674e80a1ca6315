using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Abstractions.Upstream;

namespace OrleansGroq.Grains.Quota;

/// <summary>Groq's headers and 429s as ground truth: they lower limits and buckets, never raise them.</summary>
internal sealed partial class ModelQuota
{
    private readonly PendingCeilings _pending = new();
    private readonly QuotaLimits _configured = options.Value.LimitsFor(key.Account, key.Model);
    private long _reportedRpd;
    private long _reportedTpm;

    private async ValueTask CalibrateInTurnAsync(RateLimitSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var now = clock.GetUtcNow();
        _reportedRpd = Reported(snapshot.LimitRequests, _reportedRpd);
        _reportedTpm = Reported(snapshot.LimitTokens, _reportedTpm);
        if (ApplyReportedLimits())
        {
            await SetStoreLimitsAsync(now);
        }

        // Groq's remaining headers describe RPD (requests) and TPM (tokens).
        var requests = _limits.Rpd > 0 ? snapshot.RemainingRequests : null;
        var tokens = _limits.Tpm > 0 ? snapshot.RemainingTokens : null;
        if (requests is null && tokens is null)
        {
            return;
        }

        // Groq holds no more than it reports, so neither can this node's slice. The shared bucket comes down in this
        // node's view now, and in the store with this node's next statement.
        _slice = new QuotaAmount(Math.Min(_slice.Requests, requests ?? long.MaxValue), Math.Min(_slice.Tokens, tokens ?? long.MaxValue));

        // What this node holds in its slice is part of what Groq reports and has not reached Groq yet: the shared
        // bucket holds at most the rest. Requests in flight are not subtracted: most of them Groq has already counted.
        var ceilings = new QuotaCeilings(Rpm: null, Rpd: requests - Math.Max(0, _slice.Requests), Tpm: tokens - Math.Max(0, _slice.Tokens), Tpd: null);
        _shared?.Lower(ceilings, now);
        _pending.Add(ceilings, _limits, now);
    }

    private async ValueTask ReportRateLimitedInTurnAsync(RateLimitKind kind)
    {
        var now = clock.GetUtcNow();
        _rateLimited++;
        var (requests, tokens) = kind switch
        {
            RateLimitKind.RequestsPerMinute or RateLimitKind.RequestsPerDay => (true, false),
            RateLimitKind.TokensPerMinute or RateLimitKind.TokensPerDay => (false, true),
            RateLimitKind.Unknown => (true, true),
            _ => (false, false),
        };

        // Whatever this node holds of a dimension Groq just refused is not there.
        _slice = new QuotaAmount(requests ? Math.Min(_slice.Requests, 0) : _slice.Requests, tokens ? Math.Min(_slice.Tokens, 0) : _slice.Tokens);
        QuotaCeilings? empty = kind switch
        {
            RateLimitKind.RequestsPerMinute when _limits.Rpm > 0 => new(0, null, null, null),
            RateLimitKind.RequestsPerDay when _limits.Rpd > 0 => new(null, 0, null, null),
            RateLimitKind.TokensPerMinute when _limits.Tpm > 0 => new(null, null, 0, null),
            RateLimitKind.TokensPerDay when _limits.Tpd > 0 => new(null, null, null, 0),
            _ => null,
        };
        if (empty is null)
        {
            return;
        }

        // Other nodes must stop drawing on the bucket now, not with this node's next lease.
        _shared?.Lower(empty, now);
        _pending.Add(empty, _limits, now);
        var ceilings = _pending.Take(_limits, now)!;
        _storeStatements++;
        try
        {
            Adopt(await store.CalibrateAsync(_key, _limits, ceilings, now, CancellationToken.None), now);
        }
        catch (Exception exception)
        {
            KeepPending(ceilings, now);
            Log.StoreFailed(logger, _key.Account, _key.Model, "calibrate", exception);
        }
    }

    /// <summary>
    /// Settles a difference between the store's limits and this node's. RPD and TPM lower than this node's are what
    /// Groq reported to another node, and are taken as reported here too; anything else (a configured RPM or TPD, or
    /// a limit this node knows better) is written back.
    /// </summary>
    private async Task ReconcileLimitsAsync(QuotaLimits stored, DateTimeOffset now)
    {
        if (stored.Rpd > 0 && (_limits.Rpd == 0 || stored.Rpd < _limits.Rpd))
        {
            _reportedRpd = stored.Rpd;
        }

        if (stored.Tpm > 0 && (_limits.Tpm == 0 || stored.Tpm < _limits.Tpm))
        {
            _reportedTpm = stored.Tpm;
        }

        ApplyReportedLimits();
        if (stored != _limits)
        {
            await SetStoreLimitsAsync(now);
        }
    }

    /// <summary>Puts the configured limits, lowered to what Groq reported, in force; returns whether they changed.</summary>
    private bool ApplyReportedLimits()
    {
        var limits = _configured with { Rpd = Lowest(_configured.Rpd, _reportedRpd), Tpm = Lowest(_configured.Tpm, _reportedTpm) };
        if (limits == _limits)
        {
            return false;
        }

        Log.LimitsChanged(logger, _key.Account, _key.Model, limits.Rpm, limits.Rpd, limits.Tpm, limits.Tpd);
        _limits = limits;
        return true;
    }

    private async Task SetStoreLimitsAsync(DateTimeOffset now)
    {
        _storeStatements++;
        try
        {
            Adopt(await store.SetLimitsAsync(_key, _limits, now, CancellationToken.None), now);
        }
        catch (Exception exception)
        {
            // The next statement's answer shows the store's limits again, and this is retried then.
            Log.StoreFailed(logger, _key.Account, _key.Model, "set limits", exception);
        }
    }

    private void KeepPending(QuotaCeilings? ceilings, DateTimeOffset now)
    {
        if (ceilings is not null)
        {
            _pending.Add(ceilings, _limits, now);
        }
    }

    private static long Reported(long? header, long current) => header is > 0 and var value ? Math.Min(value, QuotaLimits.MaxLimit) : current;

    /// <summary>The configured limit lowered to what Groq reports; either alone when the other is unset (zero).</summary>
    private static long Lowest(long configured, long reported) =>
        configured == 0 ? reported : reported == 0 ? configured : Math.Min(configured, reported);
}
