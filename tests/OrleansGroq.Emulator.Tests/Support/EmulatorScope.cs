using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OrleansGroq.Emulator;

namespace OrleansGroq.Emulator.Tests.Support;

/// <summary>An emulator on a free port with a fake clock and a client that sends <see cref="Key"/>.</summary>
internal sealed class EmulatorScope : IAsyncDisposable
{
    public const string Key = "gsk_test_alpha";
    public const string SmallModel = "llama-3.1-8b-instant";

    private EmulatorScope(EmulatorHost host, FakeTimeProvider clock)
    {
        Host = host;
        Clock = clock;
        Client = new HttpClient { BaseAddress = host.BaseAddress };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
    }

    public EmulatorHost Host { get; }

    public FakeTimeProvider Clock { get; }

    public HttpClient Client { get; }

    public EmulatorControl Control => Host.Control;

    public static async Task<EmulatorScope> StartAsync(EmulatorOptions? options = null) =>
        await StartAsync(options, new FakeTimeProvider());

    public static async Task<EmulatorScope> StartAsync(EmulatorOptions? options, FakeTimeProvider clock) =>
        new(await EmulatorHost.StartAsync(options, clock), clock);

    /// <summary>One account <c>org_test</c> whose key <see cref="Key"/> has alias <c>alpha</c>.</summary>
    public static EmulatorOptions OneAccount(string model = SmallModel, ModelLimits? limits = null) => new()
    {
        Accounts =
        [
            new AccountOptions
            {
                Id = "org_test",
                Keys = [new ApiKeyOptions { Alias = "alpha", Secret = Key }],
                Limits = limits is null ? [] : new Dictionary<string, ModelLimits> { [model] = limits },
            },
        ],
    };

    public static string Chat(string model = SmallModel, string content = "Hello there", string extra = "") =>
        $$"""{"model":"{{model}}","messages":[{"role":"user","content":{{JsonSerializer.Serialize(content)}}}]{{(extra.Length > 0 ? "," + extra : "")}}}""";

    public Task<HttpResponseMessage> PostChatAsync(string json, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead) =>
        Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "openai/v1/chat/completions") { Content = new StringContent(json, Encoding.UTF8, "application/json") }, completion);

    public async Task<(HttpResponseMessage Response, JsonElement Body)> PostChatJsonAsync(string json)
    {
        var response = await PostChatAsync(json);
        var text = await response.Content.ReadAsStringAsync();
        return (response, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>
    /// Moves the fake clock in steps until <paramref name="task"/> ends, yielding to the server between
    /// steps; returns how much fake time that took.
    /// </summary>
    public async Task<TimeSpan> AdvanceUntilDoneAsync(Task task, TimeSpan step, TimeSpan limit)
    {
        var advanced = TimeSpan.Zero;
        while (await Task.WhenAny(task, Task.Delay(20)) != task)
        {
            Assert.True(advanced < limit, $"The request did not finish within {limit} of fake time.");
            Clock.Advance(step);
            advanced += step;
        }

        return advanced;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}
