using OrleansGroq.Emulator.Http;
using OrleansGroq.Emulator.Models;

namespace OrleansGroq.Emulator.Completions;

/// <summary>
/// The outcome of parsing: a request, or an error. <see cref="Model"/> and <see cref="ModelName"/>
/// are filled whenever the body named one, so even a refused request is counted against its model.
/// </summary>
internal readonly record struct ChatParseResult(ChatRequest? Request, GroqError? Error, ModelInfo? Model, string ModelName);
