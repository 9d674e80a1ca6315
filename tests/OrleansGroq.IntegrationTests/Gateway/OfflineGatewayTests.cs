using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Testing;

namespace OrleansGroq.IntegrationTests.Gateway;

/// <summary>The gateway started with no Groq key and no database, as a newcomer first runs it: on its built-in emulator.</summary>
public sealed class OfflineGatewayTests : IAsyncLifetime
{
    private readonly CapturingLoggerProvider _logs = new();
    private GatewayHost _gateway = null!;

    // The log levels are appsettings.json's: the notices must get through them as they are.
    public async Task InitializeAsync() => _gateway = await GatewayHost.StartAsync(new Uri("http://127.0.0.1:9/openai/v1/"), [], logs: _logs);

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public void The_startup_log_gives_the_urls_clients_use_and_says_what_lives_in_memory_only()
    {
        var root = _gateway.BaseAddress.ToString().TrimEnd('/');
        var emulator = _gateway.Services.GetRequiredService<IOptions<UpstreamOptions>>().Value.BaseUrl.GetLeftPart(UriPartial.Authority);
        var notices = _logs.Entries.Where(e => e.Contains("StartupNotices", StringComparison.Ordinal)).ToList();

        Assert.Contains(notices, e => e.Contains($"Clients use {root}/openai/v1 as the base URL of OpenAI SDKs", StringComparison.Ordinal)
            && e.Contains($"and {root} for groq-sdk", StringComparison.Ordinal));
        Assert.Contains(notices, e => e.StartsWith("Warning", StringComparison.Ordinal) && e.Contains("built-in Groq emulator", StringComparison.Ordinal));
        Assert.Contains(notices, e => e.StartsWith("Warning", StringComparison.Ordinal)
            && e.Contains("ConnectionStrings:Postgres", StringComparison.Ordinal) && e.Contains("memory only", StringComparison.Ordinal));
        Assert.DoesNotContain(notices, e => e.Contains(emulator, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hundred_conversation_turns_in_a_row_are_never_rate_limited()
    {
        var conversations = new ConversationClient(_gateway.Http);
        var id = await conversations.CreateAsync("""{"system":"You are a helpful assistant."}""");

        for (var turn = 1; turn <= 100; turn++)
        {
            using var response = await conversations.SendAsync(HttpMethod.Post, $"v1/conversations/{id}/messages", $$"""{"content":"Tell me more, part {{turn}}."}""");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"turn {turn}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Equal(100, (await conversations.GetAsync(id)).GetProperty("version").GetInt64());
    }

    [Theory]
    [InlineData("http://[::]:8080", "http://localhost:8080")]
    [InlineData("http://0.0.0.0:5000/", "http://localhost:5000")]
    [InlineData("http://+:8080", "http://localhost:8080")]
    [InlineData("http://*:80", "http://localhost")]
    [InlineData("http://localhost:8080", "http://localhost:8080")]
    [InlineData("https://127.0.0.1:41234", "https://127.0.0.1:41234")]
    public void A_wildcard_listening_address_is_given_to_clients_as_localhost(string address, string root) =>
        Assert.Equal(root, Silo.Hosting.StartupNotices.ClientRoot(address));
}
