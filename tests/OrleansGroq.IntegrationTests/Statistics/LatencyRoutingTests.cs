using System.Net;
using System.Text.Json;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Statistics;

/// <summary>
/// Seed 002's performance monitor end to end: the emulator makes one model slow, warm-up traffic measures both, and
/// <c>auto</c> with a latency budget then goes to the faster one, as the answer's headers show.
/// </summary>
public sealed class LatencyRoutingTests
{
    private const string Speed = "llama-3.1-8b-instant";
    private const string Quality = "llama-3.3-70b-versatile";
    private const int SlowMs = 250;
    private static readonly TestKey Key = new("latency-a", "org_latency_a", "gsk_test_live_statistics_account_a");

    [Fact]
    public async Task After_warm_up_a_latency_budget_goes_to_the_model_that_answered_faster()
    {
        await using var upstream = await TestUpstream.StartAsync([Key]);
        var control = upstream.Emulator.Control;
        control.Unlimit([Key], Speed, Quality);
        control.AddFault(new FaultRule { Kind = FaultKind.Latency, Model = Speed, DelayMs = SlowMs });
        var http = upstream.Gateway.Http;

        using (var cold = await SendAsync(http, "auto", budgetMs: 1000))
        {
            Assert.Equal((Speed, "auto:default"), (cold.Header("x-orleansgroq-model"), cold.Header("x-orleansgroq-route")));
        }

        for (var i = 0; i < 6; i++)
        {
            foreach (var model in new[] { Speed, Quality })
            {
                using var warm = await SendAsync(http, model, stream: i % 2 == 0);
                Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
                await warm.Content.ReadAsStringAsync();
            }
        }

        var statistics = await ModelStatisticsAsync(http);
        Assert.InRange(statistics[Speed].GetProperty("latency_ms").GetProperty("p50").GetDouble(), SlowMs * 0.975, double.MaxValue);
        Assert.InRange(statistics[Quality].GetProperty("latency_ms").GetProperty("p50").GetDouble(), 0, SlowMs * 0.975);

        // The router reads a snapshot up to a second old: ask until it has caught up with the warm-up.
        string? route = null;
        await Polling.UntilAsync(
            async () =>
            {
                using var budgeted = await SendAsync(http, "auto", budgetMs: 1000);
                Assert.Equal(HttpStatusCode.OK, budgeted.StatusCode);
                route = $"{budgeted.Header("x-orleansgroq-model")} {budgeted.Header("x-orleansgroq-route")}";
                return budgeted.Header("x-orleansgroq-route") == "auto:fastest";
            },
            "auto with a latency budget is routed by the live statistics");

        Assert.Equal($"{Quality} auto:fastest", route);
        using var streamed = await SendAsync(http, "auto", budgetMs: 1000, stream: true);
        Assert.Equal((Quality, "auto:fastest"), (streamed.Header("x-orleansgroq-model"), streamed.Header("x-orleansgroq-route")));
        using var unbudgeted = await SendAsync(http, "auto");
        Assert.Equal((Speed, "auto:default"), (unbudgeted.Header("x-orleansgroq-model"), unbudgeted.Header("x-orleansgroq-route")));
    }

    [Fact]
    public async Task Model_statistics_are_listed_in_the_shape_the_console_reads()
    {
        await using var upstream = await TestUpstream.StartAsync([Key]);
        using (var whole = await SendAsync(upstream.Gateway.Http, Speed))
        {
            Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        }

        using var response = await upstream.Gateway.Http.GetAsync("admin/models");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;

        Assert.Equal(["window_seconds", "models"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(300, root.GetProperty("window_seconds").GetInt32());
        var model = Assert.Single(root.GetProperty("models").EnumerateArray());
        Assert.Equal(
            ["model", "requests", "errors", "error_rate", "latency_ms", "ttft_ms", "output_tokens_per_second"],
            model.EnumerateObject().Select(p => p.Name));
        Assert.Equal((Speed, 1, 0, 0.0), (model.GetProperty("model").GetString(), model.GetProperty("requests").GetInt32(), model.GetProperty("errors").GetInt32(), model.GetProperty("error_rate").GetDouble()));
        Assert.Equal(JsonValueKind.Number, model.GetProperty("latency_ms").GetProperty("p50").ValueKind);
        Assert.Equal(JsonValueKind.Number, model.GetProperty("latency_ms").GetProperty("p95").ValueKind);
        Assert.Equal(JsonValueKind.Null, model.GetProperty("ttft_ms").GetProperty("p50").ValueKind);
        Assert.Equal(JsonValueKind.Null, model.GetProperty("ttft_ms").GetProperty("p95").ValueKind);
        Assert.True(model.GetProperty("output_tokens_per_second").GetDouble() > 0);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, string model, int? budgetMs = null, bool stream = false)
    {
        var request = ChatBodies.Post(ChatBodies.Simple(model, stream));
        if (budgetMs is { } budget)
        {
            request.Headers.Add("x-orleansgroq-max-latency-ms", budget.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return http.SendAsync(request);
    }

    private static async Task<Dictionary<string, JsonElement>> ModelStatisticsAsync(HttpClient http)
    {
        using var response = await http.GetAsync("admin/models");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("model").GetString()!, m => m.Clone());
    }
}
