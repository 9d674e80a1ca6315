using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Runtime;

namespace OrleansGroq.Grains.Upstream;

/// <summary>
/// Sends a request upstream with a key from the pool. Every answer is reported to its key's grain; a 429
/// moves the request to a key of another account (rate limits are per organization) and a 401 to any other
/// key. Faults (5xx, timeouts, lost connections) stay on the same key: the pipeline retries them there.
/// </summary>
public sealed class UpstreamForwarder(
    IApiKeyPool pool,
    IGrainFactory grains,
    UpstreamClient upstream,
    UpstreamCredentials credentials,
    IOptions<GatewayOptions> options,
    TimeProvider time)
{
    /// <summary>
    /// Forwards a chat body; it is replayable, so a rate-limited key hands over to another account's.
    /// A <paramref name="pinnedKey"/> (a conversation's) is used while it is available, whatever the affinity says.
    /// </summary>
    public ValueTask<ForwardResult> ForwardChatAsync(
        string model, ReadOnlyMemory<byte> body, bool stream, string affinity, CancellationToken cancellationToken, string? pinnedKey = null) =>
        ForwardAsync(
            affinity,
            options.Value.MaxKeyAttempts,
            (credential, ct) => upstream.SendChatAsync(model, body, stream, credential, ct),
            cancellationToken,
            pinnedKey);

    /// <summary>Forwards a streamed upload: it cannot be replayed, so it gets exactly one key and one attempt.</summary>
    public ValueTask<ForwardResult> ForwardTranscriptionAsync(HttpContent content, string affinity, CancellationToken cancellationToken) =>
        ForwardAsync(affinity, 1, (credential, ct) => upstream.SendTranscriptionAsync(content, credential, ct), cancellationToken);

    private async ValueTask<ForwardResult> ForwardAsync(
        string affinity,
        int maxKeyAttempts,
        Func<UpstreamCredential, CancellationToken, ValueTask<UpstreamResult>> send,
        CancellationToken cancellationToken,
        string? pinnedKey = null)
    {
        // Allocated only when a request has to move to another key.
        List<string>? excluded = null, avoided = null;
        var pinned = pinnedKey is null ? null : pool.Keys.FirstOrDefault(k => k.Alias == pinnedKey);
        if (pinned is not null && !pool.GetStatus(pinned.Alias).IsAvailableAt(time.GetUtcNow()))
        {
            (excluded, avoided, pinned) = ([pinned.Alias], [pinned.Account], null);
        }

        var attempts = 0;
        var elapsed = TimeSpan.Zero;
        ApiKeyInfo? lastKey = null;
        DateTimeOffset? retryAt = null;

        for (var keyAttempt = 0; keyAttempt < maxKeyAttempts; keyAttempt++)
        {
            var selection = keyAttempt == 0 && pinned is not null
                ? new ApiKeySelection(pinned, null, false)
                : pool.Select(affinity, CollectionsMarshal.AsSpan(excluded), CollectionsMarshal.AsSpan(avoided));
            if (!selection.Found)
            {
                retryAt = Earliest(retryAt, selection.RetryAt);
                break;
            }

            var key = lastKey = selection.Key;
            var result = await send(credentials.For(key), cancellationToken);
            attempts += result.Attempts;
            elapsed += result.Elapsed;
            if (result.Response is not { } response)
            {
                return new ForwardResult(null, result.Failure, key, attempts, elapsed, result.RetryAfter);
            }

            var outcome = await UpstreamOutcomes.ReadAsync(response, time, cancellationToken);
            var status = await grains.GetGrain<IApiKeyGrain>(key.Alias).ReportOutcomeAsync(outcome);
            if (outcome.StatusCode is not (429 or 401))
            {
                return new ForwardResult(response, UpstreamFailure.None, key, attempts, elapsed, null);
            }

            response.Dispose();
            (excluded ??= []).Add(key.Alias);
            if (outcome.StatusCode == 429)
            {
                (avoided ??= []).Add(key.Account);
                retryAt = Earliest(retryAt, status.CoolingUntil);
            }
        }

        var failure = retryAt is null ? UpstreamFailure.NoUsableKey : UpstreamFailure.AllKeysRateLimited;
        var retryAfter = retryAt is { } at ? at - time.GetUtcNow() : (TimeSpan?)null;
        return new ForwardResult(null, failure, lastKey, attempts, elapsed, retryAfter);
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
