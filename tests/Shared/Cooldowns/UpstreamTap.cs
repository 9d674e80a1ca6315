using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrleansGroq.Testing.Cooldowns;

/// <summary>
/// Stands between the gateways and the emulator, relays every request and answer as they are, and notes when it
/// finished relaying the last answer for each key: the moment the silo that sent the request learned what Groq said.
/// Whole answers only (the requests it is given are not streamed).
/// </summary>
internal sealed class UpstreamTap : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly Stopwatch _clock;
    private readonly ConcurrentDictionary<string, TimeSpan> _answered = new(StringComparer.Ordinal);

    private UpstreamTap(WebApplication app, HttpClient upstream, Stopwatch clock)
    {
        _app = app;
        _upstream = upstream;
        _clock = clock;
    }

    /// <summary>The base address to give the gateways in place of <c>upstream</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <param name="upstream">The emulator's base address.</param>
    /// <param name="clock">The clock the times it notes are read from.</param>
    public static async Task<UpstreamTap> StartAsync(Uri upstream, Stopwatch clock)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var tap = new UpstreamTap(builder.Build(), new HttpClient { BaseAddress = upstream }, clock);
        tap._app.Run(tap.RelayAsync);
        await tap._app.StartAsync();
        var address = tap._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        tap.BaseAddress = new Uri(address + "/");
        return tap;
    }

    /// <summary>When the last answer to a request made with <paramref name="secret"/> was relayed in full, on the clock.</summary>
    public TimeSpan? AnsweredAt(string secret) => _answered.TryGetValue(secret, out var at) ? at : null;

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _upstream.Dispose();
    }

    private async Task RelayAsync(HttpContext context)
    {
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path.Value!.TrimStart('/') + context.Request.QueryString)
        {
            Content = new StreamContent(context.Request.Body),
        };
        foreach (var (name, values) in context.Request.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, [.. values]))
            {
                request.Content.Headers.TryAddWithoutValidation(name, [.. values]);
            }
        }

        request.Headers.Host = null;
        using var response = await _upstream.SendAsync(request, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!string.Equals(name, "transfer-encoding", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        await context.Response.CompleteAsync();
        if (context.Request.Headers.Authorization.ToString() is { Length: > 7 } authorization && authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            _answered[authorization["Bearer ".Length..]] = _clock.Elapsed;
        }
    }
}
