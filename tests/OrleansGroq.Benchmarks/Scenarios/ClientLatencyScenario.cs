using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansGroq.Benchmarks.Hosting;
using OrleansGroq.Benchmarks.Load;
using OrleansGroq.Client;
using OrleansGroq.Testing;

namespace OrleansGroq.Benchmarks.Scenarios;

/// <summary>
/// The latency of one chat completion through <see cref="IChatClient"/>, sent one after another to one gateway silo on
/// PostgreSQL in front of the emulator at zero delay: <see cref="OrleansGroqChatClient"/> over HTTP, and the same
/// client registered by <c>AddOrleansGroqClusterClient</c> (an Orleans client in this process, the request run by a
/// grain through the silo's pipeline). The same requests both ways, so the difference is the transport.
/// </summary>
internal static class ClientLatencyScenario
{
    private const string Secret = "gsk_benchmark_client_latency_not_a_secret";
    private const string Token = "ogq_benchmark_client_latency";
    private const int Warmup = 50;

    public static async Task RunAsync(int calls)
    {
        await ReleaseBuild.EnsureAsync();
        var database = await PostgresServer.CreateDatabaseAsync();
        try
        {
            await using var emulator = await BenchmarkServices.StartEmulatorAsync(BenchmarkServices.SingleKeyConfig(Secret));
            var settings = BenchmarkServices.SingleKeySettings(Secret);
            settings["ConnectionStrings__Postgres"] = database;
            settings["Gateway__Auth__Tokens__0__Tenant"] = "bench";
            settings["Gateway__Auth__Tokens__0__Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Token)));
            await using var gateway = await BenchmarkServices.StartGatewayAsync(emulator, settings);

            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.Services.AddOrleansGroqClusterClient(options => (options.ConnectionString, options.ApiKey, options.DefaultModel) = (database, Token, BenchmarkServices.Model));
            using var client = builder.Build();
            await client.StartAsync();

            using var http = new OrleansGroqChatClient(new OrleansGroqClientOptions { Endpoint = gateway.BaseAddress, ApiKey = Token, DefaultModel = BenchmarkServices.Model });
            var cluster = client.Services.GetRequiredService<IChatClient>();

            // One call each way in turn, so that both see the same machine (other processes, GC, tiered compilation).
            var overHttp = new LatencyRecorder(calls);
            var overCluster = new LatencyRecorder(calls);
            for (var i = 0; i < Warmup + calls; i++)
            {
                await CallAsync(http, i, i < Warmup ? null : overHttp);
                await CallAsync(cluster, i, i < Warmup ? null : overCluster);
            }

            Console.WriteLine($"client-latency: {calls} chat completions each way, one at a time, alternating; one silo on PostgreSQL, emulator at zero delay");
            Console.WriteLine($"HTTP client:    {overHttp.Summarize()}");
            Console.WriteLine($"cluster client: {overCluster.Summarize()}");
            await client.StopAsync();
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    private static async Task CallAsync(IChatClient chat, int i, LatencyRecorder? latency)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await chat.GetResponseAsync($"call {i}", new ChatOptions { MaxOutputTokens = 16 });
            latency?.Record(Stopwatch.GetElapsedTime(started));
        }
        catch (OrleansGroqException)
        {
            latency?.RecordError();
        }
    }
}
