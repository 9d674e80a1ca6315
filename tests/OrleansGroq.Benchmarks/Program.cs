using System.Globalization;
using OrleansGroq.Benchmarks.Batches;
using OrleansGroq.Benchmarks.Scenarios;

var scenario = args.FirstOrDefault() ?? "overhead";
int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
}

int? OptionalOption(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : null;
}

double? DoubleOption(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && double.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) ? value : null;
}

string TextOption(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

switch (scenario)
{
    case "overhead":
        await OverheadScenario.RunAsync(Option("--rate", 1000), TimeSpan.FromSeconds(Option("--seconds", 10)), Option("--workers", 64));
        return 0;
    case "conversations":
        await ConversationScenario.RunAsync(Option("--conversations", 10_000), Option("--turns", 5), Option("--concurrency", 64), Option("--silos", 1), TextOption("--profile", "zero"));
        return 0;
    case "quota":
        await QuotaScenario.RunAsync(
            Option("--nodes", 3), TimeSpan.FromSeconds(Option("--seconds", 60)), Option("--load", 3), TextOption("--mix", "uniform"), Option("--seed", 1),
            OptionalOption("--kill-quota-host-at") is { } killAt ? TimeSpan.FromSeconds(killAt) : null);
        return 0;
    case "cooldowns":
        await CooldownScenario.RunAsync(Option("--silos", 3), Option("--samples", 50));
        return 0;
    case "cache":
        await CacheScenario.RunAsync(Option("--rate", 1000), TimeSpan.FromSeconds(Option("--seconds", 10)));
        return 0;
    case "ttfb":
        await FirstByteScenario.RunAsync(TextOption("--profile", "realistic"), Option("--requests", 400), Option("--workers", 4));
        return 0;
    case "fuzz":
        return await FuzzScenario.RunAsync(Option("--requests", 10_000), Option("--seed", 1), args.Contains("--postgres"), Option("--concurrency", 8), Option("--batch", 20));
    case "overload":
        await OverloadScenario.RunAsync(
            Option("--connections", 2000), TimeSpan.FromSeconds(Option("--seconds", 10)), Option("--delay-ms", 2000), OptionalOption("--limit"), OptionalOption("--queue"));
        return 0;
    case "client-latency":
        await ClientLatencyScenario.RunAsync(Option("--calls", 400));
        return 0;
    case "batch":
        return await BatchScenario.RunAsync(new BatchBenchOptions(
            Option("--silos", 3), Option("--lines", 5_000), TextOption("--mode", "groq"), DoubleOption("--kill-at"), Option("--kill-index", 0),
            args.Contains("--baseline"), TimeSpan.FromSeconds(Option("--baseline-seconds", 60)), DoubleOption("--rate") ?? 5,
            TextOption("--arrivals", "poisson") != "fixed", Option("--seed", 1), Option("--rpm", 1_200), Option("--tpm", 200_000),
            TextOption("--batch-model", BatchBenchOptions.InteractiveModel), TimeSpan.FromSeconds(Option("--timeout", 1_800))));
    default:
        Console.Error.WriteLine(
            $"Unknown scenario '{scenario}'. Scenarios: overhead [--rate N] [--seconds S] [--workers W]; conversations [--conversations N] [--turns T] [--concurrency C] [--silos S] [--profile zero|realistic]; quota [--nodes N] [--seconds S] [--load X] [--mix uniform|mixed] [--seed S] [--kill-quota-host-at S]; cooldowns [--silos N] [--samples S]; cache [--rate N] [--seconds S]; ttfb [--profile zero|realistic] [--requests N] [--workers W]; fuzz [--requests N] [--seed S] [--postgres] [--concurrency C] [--batch B]; overload [--connections N] [--seconds S] [--delay-ms D] [--limit L] [--queue Q]; client-latency [--calls N]; batch [--silos N] [--lines M] [--mode groq|cluster] [--kill-at F] [--kill-index I] [--baseline] [--baseline-seconds S] [--rate R] [--arrivals poisson|fixed] [--seed S] [--rpm N] [--tpm N] [--batch-model M] [--timeout S]");
        return 2;
}
