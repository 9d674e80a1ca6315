using System.Text.Json;
using OrleansGroq.Client;

namespace OrleansGroq.Benchmarks.Batches;

/// <summary>
/// What a finished batch's output and error files hold against its input: each <c>custom_id</c> must come back exactly
/// once, in one file or the other.
/// </summary>
/// <param name="OutputLines">Lines of the output file.</param>
/// <param name="ErrorLines">Lines of the error file.</param>
/// <param name="Duplicates">Lines beyond the first for a <c>custom_id</c>, over both files.</param>
/// <param name="Missing">Input <c>custom_id</c>s in neither file.</param>
/// <param name="Unknown">Lines whose <c>custom_id</c> was not in the input.</param>
internal sealed record BatchOutputCheck(int OutputLines, int ErrorLines, int Duplicates, int Missing, int Unknown)
{
    /// <summary>Every <c>custom_id</c> exactly once, and nothing else.</summary>
    public bool ExactlyOnce => Duplicates == 0 && Missing == 0 && Unknown == 0;

    public static async Task<BatchOutputCheck> ReadAsync(IBatchClient client, GatewayBatch batch, int lines, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var output = await CountAsync(client, batch.OutputFileId, seen, cancellationToken);
        var errors = await CountAsync(client, batch.ErrorFileId, seen, cancellationToken);
        var expected = Enumerable.Range(0, lines).Select(BatchInput.CustomId).ToHashSet(StringComparer.Ordinal);
        return new BatchOutputCheck(
            output,
            errors,
            seen.Values.Sum(n => n - 1),
            expected.Count(id => !seen.ContainsKey(id)),
            seen.Where(pair => !expected.Contains(pair.Key)).Sum(pair => pair.Value));
    }

    private static async Task<int> CountAsync(IBatchClient client, string? fileId, Dictionary<string, int> seen, CancellationToken cancellationToken)
    {
        if (fileId is null)
        {
            return 0;
        }

        var count = 0;
        await foreach (var line in client.ReadLinesAsync(fileId, cancellationToken))
        {
            var id = line.TryGetProperty("custom_id", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
            seen[id] = seen.GetValueOrDefault(id) + 1;
            count++;
        }

        return count;
    }

    public override string ToString() =>
        $"output_lines={OutputLines} error_lines={ErrorLines} duplicates={Duplicates} missing={Missing} unknown={Unknown} " +
        $"every_custom_id_exactly_once={(ExactlyOnce ? "yes" : "NO")}";
}
