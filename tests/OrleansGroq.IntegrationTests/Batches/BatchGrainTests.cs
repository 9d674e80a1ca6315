using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.TestingHost;
using Orleans.Timers;
using OrleansGroq.Abstractions.Batches;
using OrleansGroq.Grains.Batches;
using OrleansGroq.Grains.Storage;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Batches;

/// <summary>
/// <see cref="BatchGrain"/> in a one-silo test cluster, on a fake clock, its lines answered by a scripted pipeline: the
/// window closing, and which lines run again. The pipeline itself is the chat route's, tested with the gateway.
/// </summary>
public sealed class BatchGrainTests : IAsyncLifetime
{
    private static readonly FakeTimeProvider Clock = new(DateTimeOffset.UtcNow);
    private static readonly ScriptedPipeline Pipeline = new();
    private static readonly StartingReminders Reminders = new();
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Lines_not_started_when_the_window_closes_end_as_batch_expired_and_what_ran_is_kept()
    {
        var lines = Lines("expiry", 5, "hold").ToList();
        var batch = await CreateAsync("batch_expiry", lines);
        await Polling.UntilAsync(() => Pipeline.Calls("expiry") == 2, "two lines, the parallelism, are running");

        Clock.Advance(TimeSpan.FromHours(25));
        Pipeline.Release("expiry");
        var view = await WaitFinishedAsync(batch);

        Assert.Equal(BatchStatus.Expired, view.Status);
        Assert.NotNull(view.ExpiredAt);
        Assert.Equal((5, 2, 0), (view.Total, view.Completed, view.Failed));
        Assert.Equal(2, Pipeline.Calls("expiry"));
        var errors = await LinesOfAsync(view.ErrorFileId);
        Assert.Equal(3, errors.Count);
        Assert.All(errors, line => Assert.Equal("batch_expired", line.GetProperty("error").GetProperty("code").GetString()));
        Assert.All(errors, line => Assert.Equal(JsonValueKind.Null, line.GetProperty("response").ValueKind));
        var output = await LinesOfAsync(view.OutputFileId);
        Assert.Equal(5, output.Concat(errors).Select(line => line.GetProperty("custom_id").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task A_batch_created_while_the_reminder_service_starts_registers_its_reminder_and_runs()
    {
        Reminders.FailNext("batch_starting");
        var batch = await CreateAsync("batch_starting", Lines("starting", 3, "ok").ToList());

        var view = await WaitFinishedAsync(batch);

        Assert.Equal(BatchStatus.Completed, view.Status);
        Assert.Equal((3, 3, 0), (view.Total, view.Completed, view.Failed));
        Assert.Equal(2, Reminders.Registrations("batch_starting"));
    }

    private async Task<IBatchGrain> CreateAsync(string id, IReadOnlyList<string> lines)
    {
        var files = Store<IBatchFileStore>();
        var fileId = $"file_{id}";
        var content = Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));
        await files.SaveAsync(new BatchFile(fileId, "alpha", "input.jsonl", "batch", content.Length, Clock.GetUtcNow()), content, CancellationToken.None);
        var batch = _cluster.Client.GetGrain<IBatchGrain>(id);
        var now = Clock.GetUtcNow();
        await batch.CreateAsync(new BatchSpec("alpha", fileId, "/v1/chat/completions", "24h", null, now, now + TimeSpan.FromHours(24)));
        return batch;
    }

    private static async Task<BatchView> WaitFinishedAsync(IBatchGrain batch)
    {
        BatchView? view = null;
        await Polling.UntilAsync(
            async () =>
            {
                view = await batch.GetAsync();
                return view!.IsFinished;
            },
            "the batch finishes");
        return view!;
    }

    private async Task<List<JsonElement>> LinesOfAsync(string? fileId)
    {
        Assert.NotNull(fileId);
        var content = await Store<IBatchFileStore>().ReadContentAsync(fileId, CancellationToken.None);
        return [.. Encoding.UTF8.GetString(content!).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }

    private T Store<T>()
        where T : notnull =>
        ((InProcessSiloHandle)_cluster.Primary!).SiloHost.Services.GetRequiredService<T>();

    /// <summary>Input lines whose chat body names the test (<paramref name="group"/>) and what the pipeline does with them.</summary>
    private static IEnumerable<string> Lines(string group, int count, string script) => Enumerable.Range(1, count).Select(i =>
        $$$"""{"custom_id":"{{{group}}}-{{{i}}}","method":"POST","url":"/v1/chat/completions","body":{"model":"m","messages":[{"role":"user","content":"{{{group}}} {{{script}}} {{{i}}}"}]}}""");

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.AddMemoryGrainStorage(GrainStorage.Name);
            silo.UseInMemoryReminderService();
            Reminders.Decorate(silo.Services);
            silo.Services.Configure<BatchesOptions>(o => o.Parallelism = 2);
            silo.Services.AddSingleton<TimeProvider>(Clock);
            silo.Services.AddSingleton<IBatchItemRunner>(Pipeline);
            silo.Services.AddSingleton<IBatchFileStore, InMemoryBatchFileStore>();
            silo.Services.AddSingleton<IBatchResultStore, InMemoryBatchResultStore>();
        }
    }

    /// <summary>Answers a line by the script its body names: <c>hold</c> waits for the test's release, then answers 200.</summary>
    private sealed class ScriptedPipeline : IBatchItemRunner
    {
        private readonly ConcurrentDictionary<string, int> _calls = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _held = new();

        public int Calls(string group) => _calls.GetValueOrDefault(group);

        public void Release(string group) => _held.GetOrAdd(group, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

        public async Task<BatchItemAnswer> RunAsync(string tenant, byte[] body, CancellationToken cancellationToken)
        {
            var content = JsonDocument.Parse(body).RootElement.GetProperty("messages")[0].GetProperty("content").GetString()!.Split(' ');
            var (group, script) = (content[0], content[1]);
            _calls.AddOrUpdate(group, 1, (_, n) => n + 1);
            if (script == "hold")
            {
                await _held.GetOrAdd(group, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(cancellationToken);
            }

            return new BatchItemAnswer(200, "req_ok", """{"object":"chat.completion","choices":[]}"""u8.ToArray());
        }
    }

    /// <summary>
    /// Orleans' reminder registry, failing a grain's next registration as Orleans does while its reminder service starts
    /// (an <see cref="OrleansException"/> over a <see cref="TimeoutException"/>), and counting registrations per grain.
    /// </summary>
    private sealed class StartingReminders
    {
        private readonly ConcurrentDictionary<string, int> _registrations = new();
        private readonly ConcurrentDictionary<string, bool> _failNext = new();

        public void FailNext(string key) => _failNext[key] = true;

        public int Registrations(string key) => _registrations.GetValueOrDefault(key);

        public void Decorate(IServiceCollection services)
        {
            var orleans = services.Last(d => d.ServiceType == typeof(IReminderRegistry));
            services.AddSingleton<IReminderRegistry>(provider => new Registry(this, (IReminderRegistry)(orleans.ImplementationFactory?.Invoke(provider)
                ?? orleans.ImplementationInstance
                ?? ActivatorUtilities.CreateInstance(provider, orleans.ImplementationType!))));
        }

        private sealed class Registry(StartingReminders owner, IReminderRegistry inner) : IReminderRegistry
        {
            public Task<IGrainReminder> RegisterOrUpdateReminder(GrainId callingGrainId, string reminderName, TimeSpan dueTime, TimeSpan period) =>
                RegisterOrUpdateReminder(callingGrainId, reminderName, dueTime, period, CancellationToken.None);

            public Task<IGrainReminder> RegisterOrUpdateReminder(GrainId callingGrainId, string reminderName, TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken)
            {
                var key = callingGrainId.Key.ToString()!;
                owner._registrations.AddOrUpdate(key, 1, (_, n) => n + 1);
                return owner._failNext.TryRemove(key, out _)
                    ? Task.FromException<IGrainReminder>(new OrleansException("Reminder Service is still initializing and it is taking a long time. Please retry again later.", new TimeoutException()))
                    : inner.RegisterOrUpdateReminder(callingGrainId, reminderName, dueTime, period, cancellationToken);
            }

            public Task UnregisterReminder(GrainId callingGrainId, IGrainReminder reminder) => inner.UnregisterReminder(callingGrainId, reminder);

            public Task UnregisterReminder(GrainId callingGrainId, IGrainReminder reminder, CancellationToken cancellationToken) =>
                inner.UnregisterReminder(callingGrainId, reminder, cancellationToken);

            public Task<IGrainReminder?> GetReminder(GrainId callingGrainId, string reminderName) => inner.GetReminder(callingGrainId, reminderName);

            public Task<IGrainReminder?> GetReminder(GrainId callingGrainId, string reminderName, CancellationToken cancellationToken) =>
                inner.GetReminder(callingGrainId, reminderName, cancellationToken);

            public Task<List<IGrainReminder>> GetReminders(GrainId callingGrainId) => inner.GetReminders(callingGrainId);

            public Task<List<IGrainReminder>> GetReminders(GrainId callingGrainId, CancellationToken cancellationToken) =>
                inner.GetReminders(callingGrainId, cancellationToken);
        }
    }
}
