namespace OrleansGroq.Emulator.Http;

/// <summary>An error as Groq sends it: <c>{"error":{"message","type","code"?,"param"?,"failed_generation"?}}</c>.</summary>
internal sealed record GroqError(int Status, string Message, string Type, string? Code = null, string? Param = null)
{
    public string? FailedGeneration { get; init; }
}
