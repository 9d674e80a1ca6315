using System.Text.Json;

namespace OrleansGroq.Emulator.Tests.Support;

/// <summary>Splits an SSE body into events: the optional <c>event:</c> name and the <c>data:</c> payload.</summary>
internal static class ServerSentEvents
{
    public static IReadOnlyList<(string? Event, string Data)> Parse(string body)
    {
        Assert.EndsWith("\n\n", body, StringComparison.Ordinal);
        var events = new List<(string?, string)>();
        foreach (var block in body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string? name = null;
            string? data = null;
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else
                {
                    Assert.StartsWith("data: ", line, StringComparison.Ordinal);
                    data = line["data: ".Length..];
                }
            }

            events.Add((name, data ?? throw new InvalidOperationException("event without data")));
        }

        return events;
    }

    /// <summary>The JSON chunks of a complete stream, checking it ends with <c>[DONE]</c>.</summary>
    public static IReadOnlyList<JsonElement> Chunks(string body)
    {
        var events = Parse(body);
        Assert.Equal("[DONE]", events[^1].Data);
        return [.. events.Take(events.Count - 1).Select(e => JsonDocument.Parse(e.Data).RootElement.Clone())];
    }
}
