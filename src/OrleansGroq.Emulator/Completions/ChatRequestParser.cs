using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using OrleansGroq.Emulator.Determinism;
using OrleansGroq.Emulator.Http;
using OrleansGroq.Emulator.Models;

namespace OrleansGroq.Emulator.Completions;

/// <summary>
/// Parses a chat completion body in one forward pass with <see cref="Utf8JsonReader"/>, applying
/// Groq's request validation: unknown fields, unsupported OpenAI fields and bad values are 400s.
/// </summary>
internal static class ChatRequestParser
{
    public static ChatParseResult Parse(ReadOnlySpan<byte> json, ModelCatalog catalog)
    {
        // Utf8JsonReader reads invalid UTF-8 without complaint; Groq cannot parse such a body.
        if (!Utf8.IsValid(json))
        {
            return new ChatParseResult(null, GroqErrors.MalformedJson, null, "");
        }

        var reader = new Utf8JsonReader(json);
        try
        {
            return ParseObject(json, ref reader, catalog);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string the parser decodes holds an unpaired surrogate escape.
            return new ChatParseResult(null, GroqErrors.MalformedJson, null, "");
        }
    }

    private static ChatParseResult ParseObject(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, ModelCatalog catalog)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return new ChatParseResult(null, GroqErrors.Invalid("The request body must be a JSON object."), null, "");
        }

        GroqError? error = null;
        ModelInfo? model = null;
        string? modelName = null;
        var messages = default(MessagesParser.Result);
        var sawMessages = false;
        var tools = new List<ToolDefinition>();
        var toolsHash = 0UL;
        var toolsTokens = 0;
        var draft = ChatRequestDraft.Create();

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    error ??= GroqErrors.Invalid("'model' : value must be a string", "model");
                    reader.Skip();
                    continue;
                }

                model = reader.ValueIsEscaped ? catalog.Find(Encoding.UTF8.GetBytes(reader.GetString()!)) : catalog.Find(reader.ValueSpan);
                modelName = model?.Id ?? reader.GetString();
            }
            else if (reader.ValueTextEquals("messages"u8))
            {
                reader.Read();
                sawMessages = true;
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    error ??= GroqErrors.Invalid("'messages' : value must be an array", "messages");
                    reader.Skip();
                    continue;
                }

                var problem = MessagesParser.Parse(json, ref reader, ref messages);
                error ??= problem;
            }
            else if (reader.ValueTextEquals("stream"u8))
            {
                reader.Read();
                draft.Stream = reader.TokenType == JsonTokenType.True;
                error ??= ExpectBoolean(ref reader, "stream");
            }
            else if (reader.ValueTextEquals("max_tokens"u8) || reader.ValueTextEquals("max_completion_tokens"u8))
            {
                var completion = reader.ValueTextEquals("max_completion_tokens"u8);
                reader.Read();
                var (value, problem) = ReadPositiveInt(ref reader, completion ? "max_completion_tokens" : "max_tokens");
                error ??= problem;
                if (value is not null && (completion || draft.MaxTokens is null))
                {
                    draft.MaxTokens = value;
                }
            }
            else
            {
                error ??= ParseOther(json, ref reader, ref draft, tools, ref toolsHash, ref toolsTokens);
            }
        }

        if (reader.Read())
        {
            return new ChatParseResult(null, GroqErrors.MalformedJson, model, modelName ?? "");
        }

        error ??= modelName is null ? GroqErrors.Invalid("property 'model' is missing", "model")
            : !sawMessages ? GroqErrors.Invalid("property 'messages' is missing", "messages")
            : model is null ? GroqErrors.ModelNotFound(modelName)
            : null;
        if (error is not null)
        {
            return new ChatParseResult(null, error, model, modelName ?? "");
        }

        // No error means messages was read as a non-empty array.
        var prefixes = messages.Prefixes!.ToArray();
        for (var i = 0; i < prefixes.Length && tools.Count > 0; i++)
        {
            prefixes[i] = new PromptPrefix(StableHash.Append(prefixes[i].Hash, toolsHash), prefixes[i].Tokens + toolsTokens);
        }

        var request = new ChatRequest
        {
            Model = model!,
            Prefixes = prefixes,
            PromptTokens = TokenEstimator.ReplyPriming + messages.Tokens + toolsTokens,
            ContentHash = StableHash.Append(StableHash.Append(prefixes[^1].Hash, model!.IdUtf8), (ulong)(draft.Seed ?? 0)),
            LastRole = messages.LastRole ?? "",
            Tools = tools,
            Stream = draft.Stream,
            IncludeUsage = draft.IncludeUsage,
            MaxTokens = draft.MaxTokens,
            Seed = draft.Seed,
            ToolChoice = draft.ToolChoice,
            ResponseFormat = draft.ResponseFormat,
            ReasoningFormat = draft.ReasoningFormat,
            IncludeReasoning = draft.IncludeReasoning,
            ReasoningEffort = draft.ReasoningEffort,
            ServiceTier = draft.ServiceTier,
        };
        return new ChatParseResult(request, null, model, model.Id);
    }

    private static GroqError? ParseOther(
        ReadOnlySpan<byte> json,
        ref Utf8JsonReader reader,
        ref ChatRequestDraft draft,
        List<ToolDefinition> tools,
        ref ulong toolsHash,
        ref int toolsTokens)
    {
        if (reader.ValueTextEquals("tools"u8))
        {
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            var problem = ToolsParser.ParseTools(json, ref reader, tools);
            var raw = json[start..(int)reader.BytesConsumed];
            toolsHash = StableHash.Of(raw);
            toolsTokens = TokenEstimator.ForText(raw.Length);
            return problem;
        }

        if (reader.ValueTextEquals("tool_choice"u8))
        {
            reader.Read();
            var problem = ToolsParser.ParseToolChoice(ref reader, out var choice);
            draft.ToolChoice = choice;
            return problem;
        }

        if (reader.ValueTextEquals("response_format"u8))
        {
            reader.Read();
            var problem = ToolsParser.ParseResponseFormat(json, ref reader, out var format);
            draft.ResponseFormat = format;
            return problem;
        }

        if (reader.ValueTextEquals("stream_options"u8))
        {
            reader.Read();
            draft.IncludeUsage = ReadIncludeUsage(ref reader);
            return null;
        }

        if (reader.ValueTextEquals("seed"u8))
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var seed))
            {
                draft.Seed = seed;
                return null;
            }

            reader.Skip();
            return reader.TokenType == JsonTokenType.Null ? null : GroqErrors.Invalid("'seed' : value must be an integer", "seed");
        }

        return ReasoningFieldsParser.TryParse(ref reader, ref draft, out var reasoningProblem) ? reasoningProblem : ParseUnsupported(ref reader);
    }

    private static GroqError? ParseUnsupported(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("n"u8))
        {
            reader.Read();
            return reader.TokenType == JsonTokenType.Null || (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var n) && n == 1)
                ? null
                : GroqErrors.Invalid("'n' : number must be at most 1", "n");
        }

        if (reader.ValueTextEquals("logprobs"u8))
        {
            reader.Read();
            return reader.TokenType is JsonTokenType.True ? GroqErrors.Invalid("`logprobs` is not supported", "logprobs") : null;
        }

        if (reader.ValueTextEquals("top_logprobs"u8) || reader.ValueTextEquals("logit_bias"u8))
        {
            var field = reader.GetString()!;
            reader.Read();
            reader.Skip();
            return reader.TokenType == JsonTokenType.Null ? null : GroqErrors.Invalid($"`{field}` is not supported", field);
        }

        if (SamplingFieldsParser.TryParse(ref reader, out var samplingProblem))
        {
            return samplingProblem;
        }

        if (KnownFields.IsAccepted(ref reader))
        {
            reader.Read();
            reader.Skip();
            return null;
        }

        var unknown = reader.GetString()!;
        reader.Read();
        reader.Skip();
        return GroqErrors.Invalid($"property '{GroqErrors.Quote(unknown)}' is unsupported");
    }

    private static bool ReadIncludeUsage(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return false;
        }

        var include = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isInclude = reader.ValueTextEquals("include_usage"u8);
            reader.Read();
            include |= isInclude && reader.TokenType == JsonTokenType.True;
            reader.Skip();
        }

        return include;
    }

    private static GroqError? ExpectBoolean(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType is JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null)
        {
            return null;
        }

        reader.Skip();
        return GroqErrors.Invalid($"'{field}' : value must be a boolean", field);
    }

    private static (int? Value, GroqError? Error) ReadPositiveInt(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return (null, null);
        }

        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var value))
        {
            reader.Skip();
            return (null, GroqErrors.Invalid($"'{field}' : value must be an integer", field));
        }

        return value < 1 ? (null, GroqErrors.Invalid($"'{field}' : number must be at least 1", field)) : (value, null);
    }
}
