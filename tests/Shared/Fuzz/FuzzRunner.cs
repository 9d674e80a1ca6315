using System.Diagnostics;
using System.Text;

namespace OrleansGroq.Testing.Fuzz;

/// <summary>
/// Runs a seeded fuzz plan against a gateway: each batch is sent, its answers judged, and the emulator's request
/// counter read once it has settled, so upstream calls made for invalid requests are counted. At the end, a valid
/// chat completion must still be served.
/// </summary>
internal static class FuzzRunner
{
    /// <param name="upstreamRequests">Reads the emulator's count of every request it received so far.</param>
    public static async Task<FuzzReport> RunAsync(
        FuzzTarget target, FuzzOptions options, Func<CancellationToken, Task<long>> upstreamRequests, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var report = new FuzzReport(options.Seed);
        await target.Conversations.FillAsync(cancellationToken);
        var before = await SettledAsync(upstreamRequests, options.QuietPeriod, cancellationToken);
        foreach (var batch in FuzzPlan.Create(options.Seed, options.Requests).SelectMany(b => b.Split(options.BatchSize)))
        {
            var answers = new FuzzAnswer[batch.Cases.Count];
            await Parallel.ForAsync(
                0,
                answers.Length,
                new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
                async (i, token) => answers[i] = await batch.Cases[i].Request.SendAsync(target, token));
            for (var i = 0; i < answers.Length; i++)
            {
                report.Record(batch.Cases[i], answers[i], FuzzJudge.Judge(batch.Cases[i], answers[i]));
            }

            // A valid batch made upstream calls, whose counting may trail its answers: it gets longer to settle, so
            // that none of its calls is put on the invalid batch after it.
            var quiet = batch.Valid ? options.QuietPeriod * 5 : options.QuietPeriod;
            var after = await SettledAsync(upstreamRequests, quiet, cancellationToken);
            if (!batch.Valid)
            {
                report.RecordUpstreamCalls(batch, answers, after - before);
            }

            before = after;
        }

        report.Alive = await IsAliveAsync(target, cancellationToken);
        report.Elapsed = Stopwatch.GetElapsedTime(started);
        return report;
    }

    /// <summary>
    /// The counter once it has stopped moving. The emulator counts a request after it has answered, and the gateway
    /// may still be retrying when its client has its answer: reading at once would put calls on the next batch.
    /// Another process's activity has no clock to fake, so this waits for real, a few milliseconds a batch.
    /// </summary>
    private static async Task<long> SettledAsync(Func<CancellationToken, Task<long>> read, TimeSpan quiet, CancellationToken cancellationToken)
    {
        var last = await read(cancellationToken);
        for (var i = 0; i < 200; i++)
        {
            await Task.Delay(quiet, cancellationToken);
            var now = await read(cancellationToken);
            if (now == last)
            {
                return now;
            }

            last = now;
        }

        return last;
    }

    private static async Task<bool> IsAliveAsync(FuzzTarget target, CancellationToken cancellationToken)
    {
        var chat = ClientRequest.Json(
            "openai/v1/chat/completions",
            Encoding.UTF8.GetBytes($$"""{"model":"{{FuzzUpstream.ChatModel}}","max_tokens":16,"messages":[{"role":"user","content":"Still there?"}]}"""));
        var answer = await chat.SendAsync(target, cancellationToken);
        var live = await ClientRequest.Get("health/live").SendAsync(target, cancellationToken);
        return answer.Status == 200 && !answer.Degraded && live.Status == 200;
    }
}
