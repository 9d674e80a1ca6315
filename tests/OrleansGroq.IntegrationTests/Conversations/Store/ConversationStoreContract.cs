using OrleansGroq.Abstractions.Conversations;

namespace OrleansGroq.IntegrationTests.Conversations.Store;

/// <summary>
/// What every <see cref="IConversationStore"/> must do, run against each implementation. Tests of one class may share
/// a store, so each makes its own conversation ids and tenant.
/// </summary>
public abstract class ConversationStoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ConversationChanges NoChanges = new(null, false, 0);

    private readonly string _tenant = "tenant-" + Guid.NewGuid().ToString("N")[..12];

    protected abstract IConversationStore Store { get; }

    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task A_created_conversation_loads_with_its_header_and_messages_in_order_and_their_json_exactly_as_given()
    {
        StoredMessage[] messages =
        [
            Message(1, "system", """{"role":"system","content":"Réponds en Ελληνικά, 日本語 and emoji 🚀🧪."}"""),
            Message(2, "user", """{ "content" : "She said \"hi\" \\ then left\n\ttabbed \u00e9\u0000",  "role":"user", "name":"Zoë" }"""),
            Message(3, "assistant", """{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"lookup","arguments":"{\"city\":\"Zürich\",\"units\":[\"c\",\"f\"]}"}}]}"""),
            Message(4, "tool", """{"z":1,"a":2,"role":"tool","tool_call_id":"call_1","content":"{\"temp\":21.50}","n":1.0e10,"big":12345678901234567890,"dup":1,"dup":2}"""),
        ];
        var header = Header(NewId(), messages.Length) with { MetadataJson = """{ "b": 1, "a": [true, null, "ü"] }""" };

        await Store.CreateAsync(header, messages, None);

        var loaded = await Store.LoadAsync(header.Id, None);
        Assert.NotNull(loaded);
        Assert.Equal(header, loaded.Conversation);
        Assert.Equal(messages, loaded.Messages);
    }

    [Fact]
    public async Task Timestamps_are_kept_to_the_microsecond_in_utc()
    {
        var created = new DateTimeOffset(2026, 3, 1, 14, 0, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        var id = NewId();

        await Store.CreateAsync(Header(id, 1) with { CreatedAt = created }, [Message(1, "system", """{"role":"system","content":"x"}""", created)], None);

        var loaded = (await Store.LoadAsync(id, None))!;
        var expected = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);
        Assert.Equal(expected.UtcTicks, loaded.Conversation.CreatedAt.UtcTicks);
        Assert.Equal(TimeSpan.Zero, loaded.Conversation.CreatedAt.Offset);
        Assert.Equal(expected.UtcTicks, loaded.Messages[0].CreatedAt.UtcTicks);
    }

    [Fact]
    public async Task Creating_an_id_that_exists_throws_and_leaves_the_first_conversation_as_it_was()
    {
        var id = await CreateAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Store.CreateAsync(Header(id, 2), [System(1), User(2, "other")], None));

        var loaded = (await Store.LoadAsync(id, None))!;
        Assert.Equal(Header(id, 1), loaded.Conversation);
        Assert.Equal([System(1)], loaded.Messages);
    }

    [Fact]
    public async Task An_unknown_id_is_not_found_by_every_operation()
    {
        var id = NewId();

        Assert.Null(await Store.LoadAsync(id, None));
        Assert.Equal(AppendStatus.NotFound, await Store.AppendAsync(id, 0, [User(1, "hi")], NoChanges, null, None));
        Assert.False(await Store.DeleteAsync(id, _tenant, None));
    }

    [Fact]
    public async Task An_append_stores_the_messages_and_increments_the_version()
    {
        var id = await CreateAsync();

        Assert.Equal(AppendStatus.Appended, await Store.AppendAsync(id, 0, [User(2, "hi"), Assistant(3, "hello")], NoChanges, null, None));

        var loaded = (await Store.LoadAsync(id, None))!;
        Assert.Equal(1, loaded.Conversation.Version);
        Assert.Equal(3, loaded.Conversation.MessageCount);
        Assert.Equal([System(1), User(2, "hi"), Assistant(3, "hello")], loaded.Messages);
        Assert.Empty(loaded.Keys);
        Assert.Equal(AppendStatus.Appended, await Store.AppendAsync(id, 1, [User(4, "again")], NoChanges, null, None));
    }

    [Fact]
    public async Task An_append_with_a_stale_version_conflicts_and_stores_nothing()
    {
        var id = await CreateAsync();
        await AppendAsync(id, 0, 2);

        Assert.Equal(AppendStatus.Conflict, await Store.AppendAsync(id, 0, [User(4, "hi")], new("key-1", true, 10), Key("k", 4), None));
        Assert.Equal(AppendStatus.Conflict, await Store.AppendAsync(id, 2, [User(4, "hi")], new("key-1", true, 10), null, None));

        var loaded = (await Store.LoadAsync(id, None))!;
        Assert.Equal(Header(id, 3) with { Version = 1 }, loaded.Conversation);
        Assert.Equal([System(1), User(2, "q"), Assistant(3, "a")], loaded.Messages);
        Assert.Empty(loaded.Keys);
    }

    [Fact]
    public async Task Of_two_appends_at_the_same_version_exactly_one_is_stored()
    {
        var id = await CreateAsync();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var appends = Enumerable.Range(0, 8).Select(async i =>
        {
            await start.Task;
            return await Store.AppendAsync(id, 0, [User(2, $"from {i}"), Assistant(3, "a")], NoChanges, null, None);
        }).ToArray();

        start.SetResult();
        var results = await Task.WhenAll(appends);

        Assert.Single(results, r => r == AppendStatus.Appended);
        Assert.All(results.Where(r => r != AppendStatus.Appended), r => Assert.Equal(AppendStatus.Conflict, r));
        Assert.Equal(3, (await Store.LoadAsync(id, None))!.Messages.Count);
    }

    [Fact]
    public async Task A_turn_key_is_stored_on_the_message_it_names_and_loads_back()
    {
        var id = await CreateAsync();

        Assert.Equal(AppendStatus.Appended, await Store.AppendAsync(id, 0, [User(2, "hi"), Assistant(3, "hello")], NoChanges, Key("retry-1", 3), None));
        Assert.Equal(AppendStatus.Appended, await Store.AppendAsync(id, 1, [User(4, "no key"), Assistant(5, "a")], NoChanges, null, None));
        Assert.Equal(AppendStatus.Appended, await Store.AppendAsync(id, 2, [User(6, "hi"), Assistant(7, "b")], NoChanges, Key("Retry-1", 7), None));

        var loaded = (await Store.LoadAsync(id, None))!;
        Assert.Equal([Key("retry-1", 3), Key("Retry-1", 7)], loaded.Keys);
        Assert.Equal([System(1), User(2, "hi"), Assistant(3, "hello"), User(4, "no key"), Assistant(5, "a"), User(6, "hi"), Assistant(7, "b")], loaded.Messages);
    }

    [Fact]
    public async Task A_key_taken_on_the_conversation_conflicts_and_stores_nothing_but_another_conversation_may_use_it()
    {
        var id = await CreateAsync();
        var other = await CreateAsync();
        await Store.AppendAsync(id, 0, [User(2, "hi"), Assistant(3, "hello")], NoChanges, Key("k", 3), None);

        Assert.Equal(AppendStatus.Conflict, await Store.AppendAsync(id, 1, [User(4, "again"), Assistant(5, "twice")], NoChanges, Key("k", 5) with { Fingerprint = "other" }, None));
        Assert.Equal(AppendStatus.Appended, await Store.AppendAsync(other, 0, [User(2, "hi"), Assistant(3, "hello")], NoChanges, Key("k", 3), None));

        var loaded = (await Store.LoadAsync(id, None))!;
        Assert.Equal(1, loaded.Conversation.Version);
        Assert.Equal(3, loaded.Messages.Count);
        Assert.Equal([Key("k", 3)], loaded.Keys);
    }

    [Fact]
    public async Task A_key_naming_a_message_outside_the_append_is_refused()
    {
        var id = await CreateAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendAsync(id, 0, [User(2, "hi"), Assistant(3, "a")], NoChanges, Key("k", 1), None));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendAsync(id, 0, [User(2, "hi"), Assistant(3, "a")], NoChanges, Key("k", 4), None));

        Assert.Equal([System(1)], (await Store.LoadAsync(id, None))!.Messages);
    }

    [Fact]
    public async Task Changes_pin_the_key_count_rotations_and_sum_cached_tokens()
    {
        var id = await CreateAsync();
        ConversationChanges[] turns = [new("key-1", false, 100), new("key-2", true, 50), new("key-2", false, 0), new("key-2", false, 7)];

        for (var turn = 0; turn < turns.Length; turn++)
        {
            Assert.Equal(AppendStatus.Appended, await Store.AppendAsync(id, turn, [User((2 * turn) + 2, "q"), Assistant((2 * turn) + 3, "a")], turns[turn], null, None));
            if (turn == 2)
            {
                var pinned = (await Store.LoadAsync(id, None))!.Conversation;
                Assert.Equal(("key-2", 1, 150L), (pinned.KeyAlias, pinned.KeyRotations, pinned.CachedTokens));
            }
        }

        var conversation = (await Store.LoadAsync(id, None))!.Conversation;
        Assert.Equal(Header(id, 9) with { Version = 4, KeyAlias = "key-2", KeyRotations = 1, CachedTokens = 157 }, conversation);
    }

    [Fact]
    public async Task Messages_that_do_not_continue_the_sequence_are_refused_and_nothing_is_stored()
    {
        var id = await CreateAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendAsync(id, 0, [User(3, "skips 2")], NoChanges, null, None));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendAsync(id, 0, [User(2, "x"), User(4, "gap")], NoChanges, null, None));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendAsync(id, 0, [], NoChanges, null, None));

        Assert.Equal([System(1)], (await Store.LoadAsync(id, None))!.Messages);
        Assert.Equal(AppendStatus.Appended, await Store.AppendAsync(id, 0, [User(2, "right")], NoChanges, null, None));
    }

    [Fact]
    public async Task A_deleted_conversation_is_gone_from_load_and_list_refuses_appends_and_keeps_its_id_taken()
    {
        var id = await CreateAsync();

        Assert.True(await Store.DeleteAsync(id, _tenant, None));

        Assert.Null(await Store.LoadAsync(id, None));
        Assert.Empty(await Store.ListAsync(_tenant, null, 10, None));
        Assert.Equal(AppendStatus.NotFound, await Store.AppendAsync(id, 0, [User(2, "after delete")], NoChanges, null, None));
        Assert.False(await Store.DeleteAsync(id, _tenant, None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.CreateAsync(Header(id, 1), [System(1)], None));
        Assert.Null(await Store.LoadAsync(id, None));
    }

    [Fact]
    public async Task Another_tenant_cannot_delete_a_conversation()
    {
        var id = await CreateAsync();
        var before = await Store.LoadAsync(id, None);

        Assert.False(await Store.DeleteAsync(id, "someone-else", None));

        var after = await Store.LoadAsync(id, None);
        Assert.Equal(before!.Conversation, after!.Conversation);
        Assert.Equal(before.Messages, after.Messages);
        Assert.Equal([id], (await Store.ListAsync(_tenant, null, 10, None)).Select(c => c.Id));
    }

    [Fact]
    public async Task List_pages_the_tenants_live_conversations_in_id_order()
    {
        var prefix = "conv_" + Guid.NewGuid().ToString("N")[..8];
        var other = _tenant + "-other";
        string[] ids = [$"{prefix}-5", $"{prefix}-1", $"{prefix}-4", $"{prefix}-3", $"{prefix}-2"];
        foreach (var id in ids)
        {
            await Store.CreateAsync(Header(id, 1), [System(1)], None);
        }

        await Store.CreateAsync(Header($"{prefix}-0", 1, other), [System(1)], None);
        await Store.CreateAsync(Header($"{prefix}-3a", 1, other), [System(1)], None);
        await Store.DeleteAsync($"{prefix}-4", _tenant, None);

        Assert.Equal([Header($"{prefix}-1", 1), Header($"{prefix}-2", 1)], await Store.ListAsync(_tenant, null, 2, None));
        Assert.Equal([$"{prefix}-3", $"{prefix}-5"], (await Store.ListAsync(_tenant, $"{prefix}-2", 2, None)).Select(c => c.Id));
        Assert.Equal([$"{prefix}-5"], (await Store.ListAsync(_tenant, $"{prefix}-3a", 5, None)).Select(c => c.Id));
        Assert.Empty(await Store.ListAsync(_tenant, $"{prefix}-5", 2, None));
        Assert.Equal(4, (await Store.ListAsync(_tenant, $"{prefix}-0", 100, None)).Count);
        Assert.Equal([$"{prefix}-0", $"{prefix}-3a"], (await Store.ListAsync(other, null, 10, None)).Select(c => c.Id));
    }

    protected static string NewId() => "conv_" + Guid.NewGuid().ToString("N")[..26];

    protected StoredConversation Header(string id, int messageCount, string? tenant = null) =>
        new(id, tenant ?? _tenant, "llama-3.3-70b-versatile", null, null, T0, 0, messageCount, 0, 0);

    protected static StoredMessage System(int sequence) => Message(sequence, "system", """{"role":"system","content":"Be brief."}""");

    protected static StoredMessage User(int sequence, string text) => Message(sequence, "user", $$"""{"role":"user","content":"{{text}}"}""");

    protected static StoredMessage Assistant(int sequence, string text) => Message(sequence, "assistant", $$"""{"role":"assistant","content":"{{text}}"}""");

    protected async Task<string> CreateAsync()
    {
        var id = NewId();
        await Store.CreateAsync(Header(id, 1), [System(1)], None);
        return id;
    }

    private static StoredMessage Message(int sequence, string role, string json, DateTimeOffset? createdAt = null) =>
        new(sequence, role, json, 5 + sequence, createdAt ?? T0);

    private static TurnKey Key(string key, int sequence) => new(key, "fingerprint-of-" + key, sequence);

    private async Task AppendAsync(string id, long version, int nextSequence) =>
        Assert.Equal(AppendStatus.Appended, await Store.AppendAsync(id, version, [User(nextSequence, "q"), Assistant(nextSequence + 1, "a")], NoChanges, null, None));
}
