using System.Text.Json;
using Npgsql;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.IntegrationTests.Conversations.Store;
using OrleansGroq.Persistence.PostgreSql.Keys;

namespace OrleansGroq.IntegrationTests.Keys;

/// <summary>The publication statement against a real database: max-deadline merge and the notification it sends.</summary>
public sealed class PostgresApiKeyStateSyncTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private PostgresApiKeyStateSync Sync => new(database.DataSource);

    [Fact]
    public async Task A_shorter_cooldown_published_later_keeps_the_longer_deadline_and_its_reason()
    {
        await Sync.PublishAsync("merge-shorter", new(Now.AddMinutes(10), CooldownReason.RequestsPerDay, false), default);
        await Sync.PublishAsync("merge-shorter", new(Now.AddMinutes(1), CooldownReason.TokensPerMinute, false), default);

        Assert.Equal(new ApiKeyStateChange(Now.AddMinutes(10), CooldownReason.RequestsPerDay, false), await ReadAsync("merge-shorter"));
    }

    [Fact]
    public async Task A_longer_cooldown_published_later_replaces_deadline_and_reason()
    {
        await Sync.PublishAsync("merge-longer", new(Now.AddMinutes(1), CooldownReason.TokensPerMinute, false), default);
        await Sync.PublishAsync("merge-longer", new(Now.AddHours(3), CooldownReason.RequestsPerDay, false), default);

        Assert.Equal(new ApiKeyStateChange(Now.AddHours(3), CooldownReason.RequestsPerDay, false), await ReadAsync("merge-longer"));
    }

    [Fact]
    public async Task A_disabled_key_stays_disabled_and_a_publication_without_cooldown_keeps_the_one_stored()
    {
        await Sync.PublishAsync("merge-disabled", new(null, CooldownReason.None, true), default);
        Assert.Equal(new ApiKeyStateChange(null, CooldownReason.None, true), await ReadAsync("merge-disabled"));

        await Sync.PublishAsync("merge-disabled", new(Now.AddMinutes(5), CooldownReason.RetryAfter, false), default);
        await Sync.PublishAsync("merge-disabled", new(null, CooldownReason.None, false), default);

        Assert.Equal(new ApiKeyStateChange(Now.AddMinutes(5), CooldownReason.RetryAfter, true), await ReadAsync("merge-disabled"));
    }

    [Fact]
    public async Task A_cooldown_keeps_its_model_and_one_for_another_model_widens_it_to_every_model()
    {
        // Running cooldowns only: one that has ended takes any new one as it comes.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await Sync.PublishAsync("model-scope", new(now.AddMinutes(10), CooldownReason.TokensPerMinute, false, "llama-3.3-70b-versatile"), default);
        var scoped = await ReadAsync("model-scope");

        await Sync.PublishAsync("model-scope", new(now.AddMinutes(1), CooldownReason.RequestsPerMinute, false, "llama-3.1-8b-instant"), default);

        Assert.Equal(new ApiKeyStateChange(now.AddMinutes(10), CooldownReason.TokensPerMinute, false, "llama-3.3-70b-versatile"), scoped);
        Assert.Equal(new ApiKeyStateChange(now.AddMinutes(10), CooldownReason.TokensPerMinute, false, null), await ReadAsync("model-scope"));
    }

    [Fact]
    public async Task Every_publication_notifies_the_merged_row()
    {
        await Sync.PublishAsync("notified", new(Now.AddMinutes(10), CooldownReason.RequestsPerMinute, false), default);
        await using var listener = await database.DataSource.OpenConnectionAsync();
        var payloads = new List<string>();
        listener.Notification += (_, e) => payloads.Add(e.Payload);
        await using (var listen = new NpgsqlCommand(ApiKeyStateSql.Listen, listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        await Sync.PublishAsync("notified", new(Now.AddSeconds(5).AddTicks(7), CooldownReason.TokensPerMinute, true), default);
        Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(5)));

        var payload = JsonSerializer.Deserialize(Assert.Single(payloads), ApiKeyStateJsonContext.Default.ApiKeyStatePayload)!;
        Assert.Equal("notified", payload.Alias);
        Assert.Equal(new ApiKeyStateChange(Now.AddMinutes(10), CooldownReason.RequestsPerMinute, true), payload.ToChange());
    }

    [Fact]
    public async Task Deadlines_keep_their_microseconds_through_the_store()
    {
        var until = Now.AddTicks(1_234_567);
        await Sync.PublishAsync("precise", new(until, CooldownReason.RetryAfter, false), default);

        var stored = await ReadAsync("precise");

        Assert.Equal(until.AddTicks(-(until.Ticks % TimeSpan.TicksPerMicrosecond)), stored.CoolingUntil);
    }

    // Through the same JSON the listener reads, so what it would apply is what is checked.
    private async Task<ApiKeyStateChange> ReadAsync(string alias)
    {
        await using var command = database.DataSource.CreateCommand(ApiKeyStateSql.Load);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [alias] });
        var json = (string)(await command.ExecuteScalarAsync())!;
        return JsonSerializer.Deserialize(json, ApiKeyStateJsonContext.Default.ApiKeyStatePayload)!.ToChange();
    }
}
