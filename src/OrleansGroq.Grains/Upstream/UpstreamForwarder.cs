using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Abstractions.Upstream;

namespace OrleansGroq.Grains.Upstream;

/// <summary>
/// Sends a request upstream with a key from the pool, within the cluster's budget. The key's account reserves the
/// request from this silo's slice of its budget first (no grain call while the slice lasts); an account with no budget hands over to
/// another account's key, and when none has budget the request waits in admission up to its deadline. Every answer
/// is reported for its key (a grain call only when it is news) and calibrates the quota; a 429 moves the request to a key of another account
/// (rate limits are per organization) and a 401 to any other key. Faults (5xx, timeouts, lost connections) stay on
/// the same key: the pipeline retries them there.
/// </summary>
public sealed class UpstreamForwarder(
    IApiKeyPool pool,
    IApiKeyOutcomes outcomes,
    IModelQuotas quotas,
    UpstreamClient upstream,
    UpstreamCredentials credentials,
    IOptions<GatewayOptions> options,
    TimeProvider time)
{
    /// <summary>
    /// Forwards a chat body; it is replayable, so a rate-limited key hands over to another account's.
    /// A <paramref name="pinnedKey"/> (a conversation's) is used while it is available, whatever the affinity says.
    /// </summary>
    public async ValueTask<ForwardResult> ForwardChatAsync(
        string model,
        ReadOnlyMemory<byte> body,
        bool stream,
        string affinity,
        CancellationToken cancellationToken,
        string? pinnedKey = null,
        QuotaDemand? demand = null)
    {
        var deadline = time.GetUtcNow() + (demand?.MaxWait ?? TimeSpan.Zero);
        var attempts = 0;
        var elapsed = TimeSpan.Zero;
        while (true)
        {
            var result = await ForwardAsync(
                affinity,
                options.Value.MaxKeyAttempts,
                (credential, ct) => upstream.SendChatAsync(model, body, stream, credential, ct),
                cancellationToken,
                pinnedKey,
                demand is null ? null : (model, demand),
                settleNow: !stream);
            result = result with { Attempts = result.Attempts + attempts, UpstreamElapsed = result.UpstreamElapsed + elapsed };
            if (result.Failure is not (UpstreamFailure.QuotaExhausted or UpstreamFailure.AllKeysRateLimited)
                || result.RetryAfter is not { } wait || time.GetUtcNow() + wait > deadline)
            {
                return result;
            }

            // Admission: the budget refills at a known rate and a cooldown ends at a known time, so wait for them
            // rather than refuse, within the deadline.
            wait = wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            (attempts, elapsed) = (result.Attempts, result.UpstreamElapsed);
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>Forwards a streamed upload: it cannot be replayed, so it gets exactly one key and one attempt.</summary>
    public ValueTask<ForwardResult> ForwardTranscriptionAsync(HttpContent content, string affinity, CancellationToken cancellationToken) =>
        ForwardAsync(affinity, 1, (credential, ct) => upstream.SendTranscriptionAsync(content, credential, ct), cancellationToken);

    private async ValueTask<ForwardResult> ForwardAsync(
        string affinity,
        int maxKeyAttempts,
        Func<UpstreamCredential, CancellationToken, ValueTask<UpstreamResult>> send,
        CancellationToken cancellationToken,
        string? pinnedKey = null,
        (string Model, QuotaDemand Demand)? quota = null,
        bool settleNow = true)
    {
        // Allocated only when a request has to move to another key.
        List<string>? excluded = null, avoided = null;
        var pinned = pinnedKey is null ? null : pool.Keys.FirstOrDefault(k => k.Alias == pinnedKey);
        var model = quota?.Model;
        if (pinned is not null && !pool.GetStatus(pinned.Alias).IsAvailableAt(time.GetUtcNow(), model))
        {
            (excluded, avoided, pinned) = ([pinned.Alias], [pinned.Account], null);
        }

        var attempts = 0;
        var elapsed = TimeSpan.Zero;
        ApiKeyInfo? lastKey = null;
        DateTimeOffset? retryAt = null;
        TimeSpan? budgetRetry = null;

        for (var keyAttempt = 0; keyAttempt < maxKeyAttempts; keyAttempt++)
        {
            var selection = keyAttempt == 0 && pinned is not null
                ? new ApiKeySelection(pinned, null, false)
                : pool.Select(affinity, CollectionsMarshal.AsSpan(excluded), CollectionsMarshal.AsSpan(avoided), model);
            if (!selection.Found)
            {
                retryAt = Earliest(retryAt, selection.RetryAt);
                break;
            }

            var key = lastKey = selection.Key;
            QuotaHold? hold = null;
            IModelQuota? slice = null;
            if (quota is var (quotaModel, demand))
            {
                slice = quotas.Get(new QuotaKey(key.Account, quotaModel));
                var reservation = await slice.TryReserveAsync(new ReserveRequest(demand.EstimatedTokens, demand.Priority));
                if (reservation.Status == ReservationStatus.TooLarge)
                {
                    return new ForwardResult(null, UpstreamFailure.TooLargeForQuota, key, attempts, elapsed, null);
                }

                // A slice that cannot reach its quota grain sends nothing unaccounted: while the grain is away (its
                // silo died) or restarts conservatively, Groq's bucket may hold less than anyone here knows, and
                // Groq's 429s would say so only after the fact. The request waits or goes to another account.
                if (reservation.Status is ReservationStatus.Exhausted or ReservationStatus.Unavailable)
                {
                    budgetRetry = budgetRetry is { } known && known < reservation.RetryAfter ? known : reservation.RetryAfter;
                    ExcludeAccount(key, ref excluded, ref avoided);
                    continue;
                }

                hold = reservation.Granted ? new QuotaHold(slice, reservation.Tokens) : null;
            }

            var result = await send(credentials.For(key), cancellationToken);
            attempts += result.Attempts;
            elapsed += result.Elapsed;
            if (result.Response is not { } response)
            {
                // Groq counts a request when it arrives: one that timed out or broke off may have been counted, so it
                // keeps its reservation. Only a request the open circuit kept here gives it back.
                await (hold is null ? ValueTask.CompletedTask : result.Failure == UpstreamFailure.CircuitOpen ? hold.ReleaseAsync() : hold.SettleAsync(null));
                return new ForwardResult(null, result.Failure, key, attempts, elapsed, result.RetryAfter);
            }

            var outcome = await UpstreamOutcomes.ReadAsync(response, time, cancellationToken) with { Model = model };
            var status = await outcomes.ReportAsync(key, outcome);
            var usage = await LearnAsync(slice, hold, outcome, response, settleNow, cancellationToken);
            if (outcome.StatusCode is not (429 or 401))
            {
                return new ForwardResult(response, UpstreamFailure.None, key, attempts, elapsed, null, settleNow ? null : hold, usage);
            }

            response.Dispose();
            (excluded ??= []).Add(key.Alias);
            if (outcome.StatusCode == 429)
            {
                (avoided ??= []).Add(key.Account);
                retryAt = Earliest(retryAt, status.CoolingUntil);
            }
        }

        if (budgetRetry is { } budget && retryAt is null)
        {
            return new ForwardResult(null, UpstreamFailure.QuotaExhausted, lastKey, attempts, elapsed, budget);
        }

        var failure = retryAt is null ? UpstreamFailure.NoUsableKey : UpstreamFailure.AllKeysRateLimited;
        var retryAfter = retryAt is { } at ? at - time.GetUtcNow() : (TimeSpan?)null;
        return new ForwardResult(null, failure, lastKey, attempts, elapsed, retryAfter);
    }

    /// <summary>
    /// Feeds an answer to the quota: Groq's headers calibrate the shared buckets, a 429 empties the named one, a
    /// request Groq refused gives its reservation back, and a whole answer settles with the usage Groq reported, which
    /// is returned for the caller's own accounting.
    /// </summary>
    private static async ValueTask<UsageCounts?> LearnAsync(
        IModelQuota? quota, QuotaHold? hold, UpstreamOutcome outcome, HttpResponseMessage response, bool settleNow, CancellationToken cancellationToken)
    {
        if (quota is null)
        {
            return null;
        }

        if (outcome.RateLimits is { } limits)
        {
            await quota.CalibrateAsync(limits);
        }

        if (outcome.StatusCode == 429)
        {
            await quota.ReportRateLimitedAsync(outcome.Error?.Limit ?? RateLimitKind.Unknown);
        }

        if (hold is null)
        {
            return null;
        }

        if (outcome.StatusCode == 429)
        {
            // Forfeit the reservation: releasing it would put budget back into the slice the 429 just emptied.
            await hold.SettleAsync(null);
        }
        else if (outcome.StatusCode >= 400)
        {
            await hold.ReleaseAsync();
        }
        else if (settleNow)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            UsageCounts? usage = UsageReader.TryRead(body, out var counted) ? counted : null;
            await hold.SettleAsync(usage);
            return usage;
        }

        return null;
    }

    private void ExcludeAccount(ApiKeyInfo key, ref List<string>? excluded, ref List<string>? avoided)
    {
        (avoided ??= []).Add(key.Account);
        excluded ??= [];
        foreach (var sibling in pool.Keys)
        {
            if (sibling.Account == key.Account)
            {
                excluded.Add(sibling.Alias);
            }
        }
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
