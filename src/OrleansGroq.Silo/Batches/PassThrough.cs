using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Batches;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Grains.Upstream;
using OrleansGroq.Silo.Auth;
using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.Silo.Batches;

/// <summary>
/// The Files and Batches calls of pass-through mode (<c>Batches:Mode = groq</c>), made for one tenant:
/// <list type="number">
/// <item>the owner: an id is the caller's only when the tenant created it (its <see cref="IObjectOwnerGrain"/> says so);
/// any other is not found, whoever holds it;</item>
/// <item>the key: an object lives in the Groq organization that created it, so its calls take its creating key, or
/// another key of that account when that one is disabled or gone; a new upload takes the tenant's key from the pool;</item>
/// <item>one call to Groq, outside the chat pipelines;</item>
/// <item>a 401 disables the key in the pool and reaches the client as a 502 (its gateway token is fine); every other
/// answer is Groq's, relayed as Groq sent it.</item>
/// </list>
/// </summary>
public sealed class PassThrough(
    IGrainFactory grains,
    IApiKeyPool pool,
    IApiKeyOutcomes outcomes,
    UpstreamClient upstream,
    UpstreamCredentials credentials,
    IOptions<BatchesOptions> options,
    TimeProvider time)
{
    // Groq's ids are a prefix and a 26-character ULID; anything much longer is no id of theirs, and gets no grain.
    private const int MaxIdLength = 128;

    // What a new upload asks the pool for in place of a model: a key cooling down after one model's chat limits can
    // still serve the Files API, which no model's limits govern; a cooldown of the whole key still counts.
    private const string FilesScope = "files-api";

    /// <summary>The caller's tenant.</summary>
    public static string TenantOf(HttpContext context) => context.Features.GetRequiredFeature<GatewayClient>().Tenant;

    /// <summary>The owner of <paramref name="id"/> if the caller's tenant owns it, else null.</summary>
    public async ValueTask<ObjectOwner?> FindAsync(HttpContext context, string id) =>
        id.Length is > 0 and <= MaxIdLength && await grains.GetGrain<IObjectOwnerGrain>(id).GetAsync() is { } owner && owner.Tenant == TenantOf(context)
            ? owner
            : null;

    /// <summary>Records that the caller's tenant owns an object Groq just created with <paramref name="key"/>.</summary>
    public ValueTask<ObjectOwner> ClaimAsync(HttpContext context, string id, ObjectKind kind, ApiKeyInfo key, string? purpose) =>
        grains.GetGrain<IObjectOwnerGrain>(id).ClaimAsync(kind, new ObjectOwner(TenantOf(context), key.Alias, key.Account, purpose));

    /// <summary>Records that a batch's output and error files belong to the batch's owner, so the tenant can read them.</summary>
    public async ValueTask AdoptResultsAsync(ObjectOwner batch, IEnumerable<string> fileIds)
    {
        foreach (var id in fileIds)
        {
            await grains.GetGrain<IObjectOwnerGrain>(id).ClaimAsync(ObjectKind.File, batch with { Purpose = ObjectJson.OutputPurpose });
        }
    }

    /// <summary>Forgets an object Groq deleted.</summary>
    public ValueTask ForgetAsync(string id) => grains.GetGrain<IObjectOwnerGrain>(id).ForgetAsync();

    /// <summary>The caller's tenant's objects of one kind, newest first.</summary>
    public ValueTask<IReadOnlyList<OwnedObject>> ListAsync(HttpContext context, ObjectKind kind) =>
        grains.GetGrain<ITenantObjectsGrain>(TenantOf(context)).ListAsync(kind);

    /// <summary>The key for a call about an object of <paramref name="account"/>: <paramref name="alias"/> while it is usable.</summary>
    public ApiKeyInfo? KeyFor(string alias, string account)
    {
        ApiKeyInfo? sibling = null;
        foreach (var key in pool.Keys)
        {
            if (key.Account != account || pool.GetStatus(key.Alias).Disabled)
            {
                continue;
            }

            if (key.Alias == alias)
            {
                return key;
            }

            sibling ??= key;
        }

        return sibling;
    }

    /// <summary>
    /// The key for a new upload: the tenant's key by stable hash, so that a tenant's files gather in one organization
    /// and a batch can use them; or the client's refusal when no key is available.
    /// </summary>
    public (ApiKeyInfo? Key, OpenAiErrorResult? Refusal) KeyForNew(HttpContext context)
    {
        var selection = pool.Select(TenantOf(context), model: FilesScope);
        return selection.Found ? (selection.Key, null)
            : selection.RetryAt is { } at ? (null, GatewayErrors.AllKeysRateLimited(null, at - time.GetUtcNow()))
            : (null, GatewayErrors.NoUsableKey());
    }

    /// <summary>
    /// Makes one call to Groq with <paramref name="key"/> and stamps the key and the upstream time on the response;
    /// either Groq's answer (the caller disposes it) or the client's refusal.
    /// </summary>
    /// <param name="path">The route below the API root, its ids escaped.</param>
    public async Task<(HttpResponseMessage? Response, OpenAiErrorResult? Refusal)> SendAsync(
        HttpContext context, ApiKeyInfo? key, HttpMethod method, string path, HttpContent? content = null)
    {
        var call = await CallAsync(key, method, path, content, context.RequestAborted);
        AddUpstreamTime(context, call.Elapsed);
        if (key is not null)
        {
            context.Response.Headers[GatewayHeaders.Key] = key.Alias;
        }

        return (call.Response, call.Refusal);
    }

    /// <summary>
    /// Makes one call to Groq with <paramref name="key"/>, touching no request state, so that calls can run side by side.
    /// </summary>
    public async Task<ObjectCall> CallAsync(ApiKeyInfo? key, HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return new ObjectCall(null, GatewayErrors.NoKeyForObject(), TimeSpan.Zero);
        }

        var timeout = options.Value.UpstreamTimeout;
        var result = await upstream.SendObjectCallAsync(method, path, content, credentials.For(key), timeout, cancellationToken);
        if (result.Response is not { } response)
        {
            var refusal = result.Failure == UpstreamFailure.Timeout ? GatewayErrors.ObjectCallTimeout(timeout) : GatewayErrors.UpstreamUnreachable();
            return new ObjectCall(null, refusal, result.Elapsed);
        }

        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return new ObjectCall(response, null, result.Elapsed);
        }

        using (response)
        {
            await outcomes.ReportAsync(key, await UpstreamOutcomes.ReadAsync(response, time, cancellationToken));
        }

        return new ObjectCall(null, GatewayErrors.UpstreamKeyRejected(), result.Elapsed);
    }

    /// <summary>Counts time spent waiting on Groq as upstream time, so the overhead header reports the gateway's own.</summary>
    public static void AddUpstreamTime(HttpContext context, TimeSpan elapsed)
    {
        var timing = context.Features.GetRequiredFeature<RequestTiming>();
        timing.Upstream += elapsed;
        timing.Attempts++;
    }

    /// <summary>The path of an object's route, e.g. <c>files/file_01…/content</c>.</summary>
    public static string PathOf(string collection, string id, string? action = null) =>
        action is null ? $"{collection}/{Uri.EscapeDataString(id)}" : $"{collection}/{Uri.EscapeDataString(id)}/{action}";
}
