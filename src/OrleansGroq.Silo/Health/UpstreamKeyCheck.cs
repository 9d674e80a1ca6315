using System.Net;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Grains.Upstream;

namespace OrleansGroq.Silo.Health;

/// <summary>
/// Asks the upstream's <c>GET /models</c> once with each configured key as the gateway starts, in the background so
/// that start-up does not wait on it, and logs the answer by alias: reachable, rejected (401) or unreachable. A gateway
/// on its built-in emulator checks against that and passes. <c>Upstream:CheckKeysAtStart</c> turns it off.
/// </summary>
public sealed partial class UpstreamKeyCheck(
    IApiKeyPool pool,
    UpstreamCredentials credentials,
    IHttpClientFactory clients,
    IOptions<UpstreamOptions> options,
    UpstreamReachability reachability,
    ILogger<UpstreamKeyCheck> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.CheckKeysAtStart)
        {
            return;
        }

        await Task.Yield();
        using var http = clients.CreateClient(nameof(UpstreamKeyCheck));
        http.Timeout = options.Value.AttemptTimeout;
        var models = new Uri(options.Value.BaseUrl, "models");
        foreach (var key in pool.Keys)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, models);
            request.Headers.Authorization = credentials.For(key).ToAuthorizationHeader();
            try
            {
                using var response = await http.SendAsync(request, stoppingToken);
                reachability.Reached();
                switch (response.StatusCode)
                {
                    case HttpStatusCode.OK:
                        LogReachable(key.Alias, key.Account);
                        break;
                    case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                        LogRejected(key.Alias, key.Account, (int)response.StatusCode);
                        break;
                    default:
                        LogUnexpected(key.Alias, key.Account, (int)response.StatusCode);
                        break;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                reachability.Failed($"GET {models} with key {key.Alias}");
                LogUnreachable(key.Alias, key.Account, models, e.GetType().Name);
            }
        }
    }

    [LoggerMessage(EventId = 9030, EventName = "KeyCheckReachable", Level = LogLevel.Information,
        Message = "Key {KeyAlias} ({Account}) checked at start: the upstream is reachable and accepts it.")]
    private partial void LogReachable(string keyAlias, string account);

    [LoggerMessage(EventId = 9031, EventName = "KeyCheckRejected", Level = LogLevel.Error,
        Message = "Key {KeyAlias} ({Account}) checked at start: the upstream rejected it with {StatusCode}; the first request that gets the same answer takes it out of the pool.")]
    private partial void LogRejected(string keyAlias, string account, int statusCode);

    [LoggerMessage(EventId = 9032, EventName = "KeyCheckUnexpected", Level = LogLevel.Warning,
        Message = "Key {KeyAlias} ({Account}) checked at start: the upstream answered {StatusCode}.")]
    private partial void LogUnexpected(string keyAlias, string account, int statusCode);

    [LoggerMessage(EventId = 9033, EventName = "KeyCheckUnreachable", Level = LogLevel.Warning,
        Message = "Key {KeyAlias} ({Account}) checked at start: the upstream at {Url} could not be reached ({Error}); requests get the backup provider or local answers until it can.")]
    private partial void LogUnreachable(string keyAlias, string account, Uri url, string error);
}
