using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansGroq.Emulator.Tests.Support;

namespace OrleansGroq.Emulator.Tests.Http;

public sealed class ControlApiHttpTests : IAsyncLifetime
{
    private EmulatorScope _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorScope.StartAsync(EmulatorScope.OneAccount());

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Limits_faults_stats_and_reset_over_http()
    {
        var control = new HttpClient { BaseAddress = _emulator.Host.BaseAddress };
        var limits = await control.PutAsync("_emulator/limits", Json("""{"account":"org_test","model":"llama-3.1-8b-instant","rpm":1,"rpd":0,"tpm":0,"tpd":0}"""));
        Assert.Equal(HttpStatusCode.NoContent, limits.StatusCode);

        var added = await control.PostAsync("_emulator/faults", Json("""{"kind":"status_502","key":"alpha","request_numbers":[1]}"""));
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.StartsWith("fault_", JsonDocument.Parse(await added.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadGateway, (await _emulator.PostChatAsync(EmulatorScope.Chat())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _emulator.PostChatAsync(EmulatorScope.Chat())).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await _emulator.PostChatAsync(EmulatorScope.Chat())).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await _emulator.PostChatAsync(EmulatorScope.Chat())).StatusCode);

        var stats = JsonDocument.Parse(await control.GetStringAsync("_emulator/stats")).RootElement;
        var entry = Assert.Single(stats.GetProperty("entries").EnumerateArray());
        Assert.Equal(
            """{"key":"alpha","model":"llama-3.1-8b-instant","requests":4,"served":1,"rate_limited":2,"too_large":0,"errors":1,"prompt_tokens":10,"completion_tokens":32,"cached_tokens":0}""",
            entry.GetRawText());
        Assert.Equal(2, stats.GetProperty("totals").GetProperty("rate_limited").GetInt64());

        Assert.Equal(HttpStatusCode.NoContent, (await control.PostAsync("_emulator/reset", null)).StatusCode);
        Assert.Empty(_emulator.Control.GetStats().Entries);
        Assert.Equal(HttpStatusCode.OK, (await _emulator.PostChatAsync(EmulatorScope.Chat())).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await _emulator.PostChatAsync(EmulatorScope.Chat())).StatusCode);
    }

    [Fact]
    public async Task Delete_clears_faults()
    {
        _emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Status500 });

        Assert.Equal(HttpStatusCode.NoContent, (await _emulator.Client.DeleteAsync("_emulator/faults")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _emulator.PostChatAsync(EmulatorScope.Chat())).StatusCode);
    }

    [Theory]
    [InlineData("_emulator/faults", """{"kind":"status_500","probability":3}""", "probability")]
    [InlineData("_emulator/faults", """{"kind":"meteor"}""", "Invalid JSON")]
    [InlineData("_emulator/limits", """{"account":"org_test","model":"gpt-9"}""", "Unknown model 'gpt-9'")]
    [InlineData("_emulator/limits", """{"model":"llama-3.1-8b-instant"}""", "'account' and 'model' are required")]
    public async Task Bad_control_requests_are_400s(string path, string json, string message)
    {
        var response = path.EndsWith("limits", StringComparison.Ordinal)
            ? await _emulator.Client.PutAsync(path, Json(json))
            : await _emulator.Client.PostAsync(path, Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_loopback_clients_see_the_control_api()
    {
        var address = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        Assert.NotNull(address);

        await using var host = await EmulatorHost.StartAsync(null, null, IPAddress.Any, 0, CancellationToken.None);
        using var remote = new HttpClient { BaseAddress = new Uri($"http://{address}:{host.BaseAddress.Port}/") };
        using var local = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.BaseAddress.Port}/") };

        Assert.Equal(HttpStatusCode.NotFound, (await remote.GetAsync("_emulator/stats")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await local.GetAsync("_emulator/stats")).StatusCode);
    }
}
