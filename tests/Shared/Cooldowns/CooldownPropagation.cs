using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OrleansGroq.Testing.Cooldowns;

/// <summary>
/// How long a key's cooldown, learned by one silo from Groq's answer, takes to show in every silo's
/// <c>GET /admin/keys</c>. The emulator gives each account one request a day, so the answer to a sample's one chat request
/// says <c>x-ratelimit-remaining-requests: 0</c> and the silo that got it cools the key; the key's grain then tells
/// every silo's board. Each silo is polled about every millisecond from before the request is sent. With an
/// <see cref="UpstreamTap"/> between the gateways and the emulator, the moment the silo learned it is known too.
/// </summary>
internal static class CooldownPropagation
{
    private const string AliasPrefix = "cool";
    private const string SecretPrefix = "gsk_test_cooldown_propagation_";

    /// <summary>The emulator's accounts, one key each, with one request a day; the gateway is given the same keys.</summary>
    public static IReadOnlyList<(string Alias, string Account, string Secret)> Keys(int count) =>
        [.. Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i}")).Select(i => (AliasPrefix + i, "org_cool" + i, SecretPrefix + i))];

    /// <summary>The gateway settings, as environment variables, for <see cref="Keys"/>.</summary>
    public static Dictionary<string, string> GatewaySettings(int count)
    {
        var settings = new Dictionary<string, string>();
        foreach (var (key, i) in Keys(count).Select((key, i) => (key, i)))
        {
            settings[$"Groq__Keys__{i}__Alias"] = key.Alias;
            settings[$"Groq__Keys__{i}__Account"] = key.Account;
            settings[$"Groq__Keys__{i}__Secret"] = key.Secret;
        }

        return settings;
    }

    /// <summary>
    /// Sends one chat request through <paramref name="silos"/>[<paramref name="via"/>] and waits until every silo shows
    /// a key cooling that none showed before, for at most <paramref name="timeout"/>: a silo that does not by then is
    /// recorded as not having seen it. Times are read from <paramref name="clock"/>, which <paramref name="tap"/> (if
    /// any) reads too.
    /// </summary>
    public static async Task<CooldownSample> MeasureAsync(
        IReadOnlyList<HttpClient> silos, int via, string model, Stopwatch clock, UpstreamTap? tap, TimeSpan timeout)
    {
        var before = await CoolingAsync(silos[via], CancellationToken.None);
        using var deadline = new CancellationTokenSource(timeout);
        var watches = silos.Select(silo => WatchAsync(silo, before, clock, deadline.Token)).ToList();
        using var request = new StringContent($$"""{"model":"{{model}}","max_tokens":8,"messages":[{"role":"user","content":"Cool a key down."}]}""", Encoding.UTF8, "application/json");
        var sent = clock.Elapsed;
        using var response = await silos[via].PostAsync("openai/v1/chat/completions", request);
        var answered = clock.Elapsed;
        var servedBy = response.Headers.TryGetValues("x-orleansgroq-key", out var values) ? values.FirstOrDefault() : null;
        var seen = await Task.WhenAll(watches);
        var learned = servedBy is not null && servedBy.StartsWith(AliasPrefix, StringComparison.Ordinal) ? tap?.AnsweredAt(SecretPrefix + servedBy[AliasPrefix.Length..]) : null;
        return new CooldownSample((int)response.StatusCode, servedBy, [.. seen.Select(s => s.Alias)], sent, learned, answered, [.. seen.Select(s => s.At)]);
    }

    private static async Task<(string? Alias, TimeSpan? At)> WatchAsync(HttpClient silo, HashSet<string> before, Stopwatch clock, CancellationToken deadline)
    {
        try
        {
            while (true)
            {
                if ((await CoolingAsync(silo, deadline)).FirstOrDefault(alias => !before.Contains(alias)) is { } alias)
                {
                    return (alias, clock.Elapsed);
                }

                await Task.Delay(1, deadline);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return (null, null);
        }
    }

    private static async Task<HashSet<string>> CoolingAsync(HttpClient silo, CancellationToken cancellationToken)
    {
        var keys = await silo.GetFromJsonAsync<JsonElement>("admin/keys", cancellationToken);
        return [.. keys.GetProperty("data").EnumerateArray()
            .Where(key => key.GetProperty("state").GetString() == "cooling")
            .Select(key => key.GetProperty("alias").GetString()!)];
    }
}
