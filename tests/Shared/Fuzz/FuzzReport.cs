using System.Globalization;
using System.Text;

namespace OrleansGroq.Testing.Fuzz;

/// <summary>
/// What a run found: counts per <see cref="FuzzFailure"/>, broken down by case name with one example each, the valid
/// requests served, and whether the gateway still served one at the end. Thread-safe.
/// </summary>
internal sealed class FuzzReport(int seed)
{
    private const int SnippetLength = 200;

    private readonly object _lock = new();
    private readonly Dictionary<FuzzFailure, long> _counts = Enum.GetValues<FuzzFailure>().ToDictionary(f => f, _ => 0L);
    private readonly Dictionary<(FuzzFailure Failure, string Name), Tally> _tallies = [];
    private long _requests;
    private long _valid;
    private long _validServed;

    public bool Alive { get; set; }

    public TimeSpan Elapsed { get; set; }

    public long Count(FuzzFailure failure)
    {
        lock (_lock)
        {
            return _counts[failure];
        }
    }

    /// <summary>Every count is zero, every valid request was served, and so was the one sent at the end.</summary>
    public bool Passed
    {
        get
        {
            lock (_lock)
            {
                return _counts.Values.All(c => c == 0) && _validServed == _valid && Alive;
            }
        }
    }

    public void Record(FuzzCase fuzzCase, FuzzAnswer answer, IReadOnlyList<FuzzFailure> failures)
    {
        lock (_lock)
        {
            _requests++;
            if (fuzzCase.Kind == FuzzCaseKind.Valid)
            {
                _valid++;
                _validServed += failures.Contains(FuzzFailure.ValidFailed) ? 0 : 1;
            }

            foreach (var failure in failures)
            {
                Add(failure, fuzzCase.Name, 1, Example(fuzzCase, answer));
            }
        }
    }

    /// <summary>
    /// Counts the upstream calls made while one batch of invalid requests was in flight: on its single case, or on
    /// the cases whose answers admit attempts, or on the batch as a whole. The gateway's attempt count may be lower
    /// than what the emulator saw (a streamed upload it gave up on), never higher, so the larger of the two is counted.
    /// </summary>
    public void RecordUpstreamCalls(FuzzBatch batch, IReadOnlyList<FuzzAnswer> answers, long emulatorCalls)
    {
        var admitted = answers.Sum(a => (long)a.Attempts);
        var calls = Math.Max(emulatorCalls, admitted);
        if (calls == 0)
        {
            return;
        }

        lock (_lock)
        {
            if (batch.Cases.Count == 1)
            {
                Add(FuzzFailure.UpstreamCallForInvalid, batch.Cases[0].Name, calls, Example(batch.Cases[0], answers[0]));
                return;
            }

            for (var i = 0; i < answers.Count; i++)
            {
                if (answers[i].Attempts > 0)
                {
                    Add(FuzzFailure.UpstreamCallForInvalid, batch.Cases[i].Name, answers[i].Attempts, Example(batch.Cases[i], answers[i]));
                }
            }

            if (calls > admitted)
            {
                var names = string.Join(", ", batch.Cases.Select(c => c.Name).Distinct());
                Add(FuzzFailure.UpstreamCallForInvalid, "(somewhere in a batch)", calls - admitted, $"one of: {names}");
            }
        }
    }

    /// <summary>One line, e.g. <c>fuzz: seed=1 requests=10000 5xx=0 ... alive=yes</c>.</summary>
    public string Summary()
    {
        lock (_lock)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"fuzz: seed={seed} requests={_requests} 5xx={_counts[FuzzFailure.ServerError]} non_json_errors={_counts[FuzzFailure.NonJsonError]} " +
                $"missing_request_id={_counts[FuzzFailure.MissingRequestId]} upstream_calls_for_invalid={_counts[FuzzFailure.UpstreamCallForInvalid]} " +
                $"invalid_accepted={_counts[FuzzFailure.InvalidAccepted]} no_answer={_counts[FuzzFailure.NoAnswer]} valid_ok={_validServed}/{_valid} " +
                $"alive={(Alive ? "yes" : "no")} elapsed={Elapsed.TotalSeconds:0.0}s");
        }
    }

    /// <summary>Each failure class with a count, its case names by count, and an example of each.</summary>
    public string Describe(int namesPerClass = 40)
    {
        var text = new StringBuilder();
        lock (_lock)
        {
            foreach (var failure in Enum.GetValues<FuzzFailure>().Where(f => _counts[f] > 0))
            {
                text.Append(CultureInfo.InvariantCulture, $"{failure}: {_counts[failure]}").AppendLine();
                var tallies = _tallies.Where(t => t.Key.Failure == failure).OrderByDescending(t => t.Value.Count).ThenBy(t => t.Key.Name, StringComparer.Ordinal).ToList();
                foreach (var (key, tally) in tallies.Take(namesPerClass))
                {
                    text.Append(CultureInfo.InvariantCulture, $"  {tally.Count,5} {key.Name}  e.g. {tally.Example}").AppendLine();
                }

                if (tallies.Count > namesPerClass)
                {
                    text.Append(CultureInfo.InvariantCulture, $"  ... and {tallies.Count - namesPerClass} more case names").AppendLine();
                }
            }
        }

        return text.ToString();
    }

    private void Add(FuzzFailure failure, string name, long count, string example)
    {
        _counts[failure] += count;
        var key = (failure, name);
        _tallies[key] = _tallies.TryGetValue(key, out var tally) ? tally with { Count = tally.Count + count } : new Tally(count, example);
    }

    private static string Example(FuzzCase fuzzCase, FuzzAnswer answer)
    {
        var outcome = answer.Answered
            ? $"{answer.Status}{(answer.Attempts > 0 ? $" attempts={answer.Attempts}" : "")}{(answer.Degraded ? " degraded" : "")}{(answer.RequestId is null ? " no-request-id" : "")} {Printable(Encoding.UTF8.GetString(answer.Body))}"
            : answer.Failure;
        return $"[{Printable(fuzzCase.Detail)}] -> {outcome}";
    }

    private static string Printable(string text)
    {
        var cut = text.Length > SnippetLength ? text[..SnippetLength] + $"...({text.Length} chars)" : text;
        var printable = new StringBuilder(cut.Length);
        foreach (var c in cut)
        {
            printable.Append(char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFD' ? $"\\x{(int)c:X2}" : c);
        }

        return printable.Length == 0 ? "(empty)" : printable.ToString();
    }

    private sealed record Tally(long Count, string Example);
}
