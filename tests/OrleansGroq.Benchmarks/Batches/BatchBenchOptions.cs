namespace OrleansGroq.Benchmarks.Batches;

/// <summary>The settings of one <c>batch</c> benchmark run, as given on the command line.</summary>
/// <param name="Silos">Gateway processes on one PostgreSQL.</param>
/// <param name="Lines">Lines in the batch.</param>
/// <param name="Mode"><c>Batches:Mode</c> of every silo: <c>groq</c> (pass-through) or <c>cluster</c> (the cluster runs the lines).</param>
/// <param name="KillAt">Share of the lines done (0–1) at which the silo hosting the batch is killed, or null for no kill.</param>
/// <param name="KillIndex">The silo killed when no silo is known to host the batch.</param>
/// <param name="Baseline">Whether the interactive traffic runs once alone first, for the p99 ratio.</param>
/// <param name="BaselineSeconds">How long that run lasts.</param>
/// <param name="Rate">Interactive chat requests a second over all silos.</param>
/// <param name="Poisson">Poisson arrivals (exponential gaps from <paramref name="Seed"/>) rather than a fixed rate.</param>
/// <param name="Seed">Seed of the arrivals.</param>
/// <param name="Rpm">Requests a minute per account and model, for the emulator and the gateways alike.</param>
/// <param name="Tpm">Tokens a minute per account and model.</param>
/// <param name="BatchModel">The model of the batch's lines; the interactive traffic's model unless given.</param>
/// <param name="Timeout">How long the batch may take before the run gives up on it.</param>
internal sealed record BatchBenchOptions(
    int Silos,
    int Lines,
    string Mode,
    double? KillAt,
    int KillIndex,
    bool Baseline,
    TimeSpan BaselineSeconds,
    double Rate,
    bool Poisson,
    int Seed,
    int Rpm,
    int Tpm,
    string BatchModel,
    TimeSpan Timeout)
{
    /// <summary>The model of the interactive traffic.</summary>
    public const string InteractiveModel = "llama-3.1-8b-instant";

    /// <summary>Whether batch lines and interactive requests share a model (and so its quota and its emulator counters).</summary>
    public bool SharedModel => BatchModel == InteractiveModel;

    /// <summary>Refuses settings the run cannot honour, naming the option.</summary>
    public void Validate()
    {
        if (Mode is not ("groq" or "cluster"))
        {
            throw new ArgumentException($"--mode must be 'groq' or 'cluster', not '{Mode}'.");
        }

        if (Silos < 1 || Lines < 1 || Rate <= 0)
        {
            throw new ArgumentException("--silos, --lines and --rate must be positive.");
        }

        if (KillAt is { } at && (at is < 0 or > 1 || Silos < 2))
        {
            throw new ArgumentException("--kill-at is a share of the lines from 0 to 1, and needs at least 2 silos so that one survives.");
        }

        if (KillIndex < 0 || KillIndex >= Silos)
        {
            throw new ArgumentException($"--kill-index must be a silo index below {Silos}.");
        }
    }
}
