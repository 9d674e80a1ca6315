namespace OrleansGroq.Emulator.Completions;

/// <summary><c>tool_choice</c>: <c>none</c>, <c>auto</c>, <c>required</c> or a named function.</summary>
internal sealed record ToolChoice(ToolChoiceMode Mode, string? Name = null)
{
    public static ToolChoice Auto { get; } = new(ToolChoiceMode.Auto);

    public static ToolChoice None { get; } = new(ToolChoiceMode.None);

    public static ToolChoice Required { get; } = new(ToolChoiceMode.Required);
}
