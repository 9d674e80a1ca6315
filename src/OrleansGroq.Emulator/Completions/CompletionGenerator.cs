using System.Text;
using OrleansGroq.Emulator.Determinism;

namespace OrleansGroq.Emulator.Completions;

/// <summary>
/// Produces the deterministic answer to a request: everything derives from the request's content
/// hash, so the same request always gets the same words, tool call or JSON.
/// </summary>
internal sealed class CompletionGenerator(int naturalLength)
{
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public Completion Generate(ChatRequest request)
    {
        var budget = request.MaxTokens ?? int.MaxValue;
        var naturalReasoning = request.Model.Reasoning && request.ReasoningEffort != "none" ? Math.Max(1, naturalLength / 2) : 0;
        var reasoningCount = Math.Min(naturalReasoning, budget);
        budget -= reasoningCount;
        var reasoning = new WordRun(Mix(request.ContentHash, 1), reasoningCount, reasoningCount == naturalReasoning);
        var format = !request.Model.Reasoning ? ReasoningFormat.Hidden
            : request.ReasoningFormat ?? (request.IncludeReasoning == false ? ReasoningFormat.Hidden : ReasoningFormat.Parsed);

        if (ChooseTool(request) is { } tool)
        {
            var arguments = SchemaValueGenerator.Generate(tool.Parameters, Mix(request.ContentHash, 3));
            return new Completion
            {
                Reasoning = reasoning,
                ReasoningFormat = format,
                ToolCall = new ToolCall(CallId(request.ContentHash), tool.Name, arguments),
                FinishReason = "tool_calls",
                CompletionTokens = reasoningCount + TokenEstimator.ForText(Encoding.UTF8.GetByteCount(tool.Name) + Encoding.UTF8.GetByteCount(arguments)),
            };
        }

        if (request.ResponseFormat.IsJson)
        {
            return GenerateJson(request, reasoning, format, budget);
        }

        var contentCount = Math.Min(naturalLength, budget);
        var complete = contentCount == naturalLength && reasoningCount == naturalReasoning;
        return new Completion
        {
            Reasoning = reasoning,
            ReasoningFormat = format,
            Content = new WordRun(Mix(request.ContentHash, 2), contentCount, complete),
            FinishReason = complete ? "stop" : "length",
            CompletionTokens = reasoningCount + contentCount,
        };
    }

    private Completion GenerateJson(ChatRequest request, WordRun reasoning, ReasoningFormat format, int budget)
    {
        var json = request.ResponseFormat.Kind == ResponseFormatKind.JsonSchema
            ? SchemaValueGenerator.Generate(request.ResponseFormat.Schema, Mix(request.ContentHash, 4))
            : JsonObject(request.ContentHash);
        var tokens = TokenEstimator.ForText(json);
        if (tokens <= budget)
        {
            return new Completion
            {
                Reasoning = reasoning,
                ReasoningFormat = format,
                Json = json,
                FinishReason = "stop",
                CompletionTokens = reasoning.Count + tokens,
            };
        }

        // Groq refuses JSON that max_tokens cut short rather than returning it invalid.
        return new Completion
        {
            Reasoning = reasoning,
            ReasoningFormat = format,
            FinishReason = "length",
            CompletionTokens = reasoning.Count + budget,
            FailedGeneration = json[..Math.Min(json.Length, budget * TokenEstimator.BytesPerToken)],
        };
    }

    private string JsonObject(ulong hash)
    {
        var words = new WordRun(Mix(hash, 2), naturalLength, EndsSentence: true);
        var text = new byte[words.MaxBytes];
        var length = words.WriteTo(text);
        return $"{{\"response\":\"{Encoding.UTF8.GetString(text, 0, length)}\"}}";
    }

    private static ToolDefinition? ChooseTool(ChatRequest request)
    {
        if (request.Tools.Count == 0)
        {
            return null;
        }

        return request.ToolChoice.Mode switch
        {
            ToolChoiceMode.None => null,
            ToolChoiceMode.Named => request.Tools.FirstOrDefault(t => t.Name == request.ToolChoice.Name),
            ToolChoiceMode.Required => request.Tools[0],

            // After a tool result, 'auto' answers in text: an agent loop must be able to end.
            _ => request.LastRole == "tool" ? null : request.Tools[0],
        };
    }

    private static string CallId(ulong hash)
    {
        var random = new DeterministicRandom(Mix(hash, 5));
        Span<char> id = stackalloc char[9];
        for (var i = 0; i < id.Length; i++)
        {
            id[i] = IdAlphabet[random.Next(IdAlphabet.Length)];
        }

        return new string(id);
    }

    private static ulong Mix(ulong hash, ulong purpose) => StableHash.Append(hash, purpose);
}
