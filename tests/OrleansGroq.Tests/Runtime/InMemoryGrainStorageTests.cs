using OrleansGroq.Abstractions.Runtime;
using OrleansGroq.Grains.Runtime;

namespace OrleansGroq.Tests.Runtime;

public sealed class InMemoryGrainStorageTests
{
    private static readonly GrainId Id = new("CounterGrain", "k");

    [Fact]
    public async Task A_missing_record_reads_as_null()
    {
        var storage = new InMemoryGrainStorage();

        Assert.Null(await storage.ReadAsync<CounterState>(Id, "s", default));
    }

    [Fact]
    public async Task A_write_round_trips_and_returns_a_new_etag()
    {
        var storage = new InMemoryGrainStorage();

        var first = await storage.WriteAsync(Id, "s", new CounterState { Value = 1 }, null, default);
        var second = await storage.WriteAsync(Id, "s", new CounterState { Value = 2 }, first, default);
        var stored = await storage.ReadAsync<CounterState>(Id, "s", default);

        Assert.NotEqual(first, second);
        Assert.Equal(new StoredGrainState<CounterState>(new CounterState { Value = 2 }, second), stored);
    }

    [Fact]
    public async Task The_stored_copy_does_not_change_with_the_written_object()
    {
        var storage = new InMemoryGrainStorage();
        var state = new MutableState { Value = 1 };
        await storage.WriteAsync(Id, "s", state, null, default);

        state.Value = 2;

        Assert.Equal(1, (await storage.ReadAsync<MutableState>(Id, "s", default))!.State.Value);
    }

    [Fact]
    public async Task A_stale_etag_is_rejected()
    {
        var storage = new InMemoryGrainStorage();
        var first = await storage.WriteAsync(Id, "s", new CounterState(), null, default);
        await storage.WriteAsync(Id, "s", new CounterState(), first, default);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(Id, "s", new CounterState(), first, default));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(Id, "s", new CounterState(), null, default));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync(Id, "s", first, default));
    }

    [Fact]
    public async Task Clear_removes_the_record()
    {
        var storage = new InMemoryGrainStorage();
        var etag = await storage.WriteAsync(Id, "s", new CounterState(), null, default);

        await storage.ClearAsync(Id, "s", etag, default);

        Assert.Null(await storage.ReadAsync<CounterState>(Id, "s", default));
    }

    public sealed class MutableState
    {
        public int Value { get; set; }
    }
}
