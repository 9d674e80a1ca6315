using OrleansGroq.Emulator.Accounts;
using OrleansGroq.Emulator.Batches;
using OrleansGroq.Emulator.Caching;
using OrleansGroq.Emulator.Completions;
using OrleansGroq.Emulator.Configuration;
using OrleansGroq.Emulator.Control;
using OrleansGroq.Emulator.Faults;
using OrleansGroq.Emulator.Files;
using OrleansGroq.Emulator.Limits;
using OrleansGroq.Emulator.Models;
using OrleansGroq.Emulator.Timing;

namespace OrleansGroq.Emulator;

/// <summary>The emulator's state, built once from validated options and shared by every endpoint.</summary>
internal sealed class EmulatorRuntime
{
    public EmulatorRuntime(EmulatorOptions options, TimeProvider time)
    {
        OptionsValidator.Validate(options);
        Time = time;
        Catalog = new ModelCatalog(options.Models ?? DefaultCatalog.Get());
        Keys = new KeyRegistry(options.Accounts);
        Limiter = new RateLimiter(time);
        PromptCache = new PromptCache(time);
        Faults = new FaultInjector();
        Stats = new StatsRecorder();
        Generator = new CompletionGenerator(options.DefaultCompletionTokens);
        Files = new FileStore(time);
        Batches = new BatchStore();
        Realistic = options.TimeProfile == TimeProfiles.Realistic;
        foreach (var rule in options.Faults)
        {
            Faults.Add(rule);
        }
    }

    public TimeProvider Time { get; }

    public ModelCatalog Catalog { get; }

    public KeyRegistry Keys { get; }

    public RateLimiter Limiter { get; }

    public PromptCache PromptCache { get; }

    public FaultInjector Faults { get; }

    public StatsRecorder Stats { get; }

    public CompletionGenerator Generator { get; }

    public FileStore Files { get; }

    public BatchStore Batches { get; }

    public bool Realistic { get; }

    public Pacer? PacerFor(ModelInfo model) => Realistic ? new Pacer(model, Time) : null;

    /// <summary>Back to a fresh start: statistics, buckets, faults, prompt caches, files and batches (limit overrides stay).</summary>
    public void Reset()
    {
        Stats.Reset();
        Limiter.Reset();
        Faults.Clear();
        PromptCache.Clear();
        Batches.Clear();
        Files.Clear();
    }
}
