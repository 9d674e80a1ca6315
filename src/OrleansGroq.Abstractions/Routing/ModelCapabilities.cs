namespace OrleansGroq.Abstractions.Routing;

/// <summary>What a model can do, as seed 000's ModelSpec lists it.</summary>
[Flags]
public enum ModelCapabilities
{
    None = 0,
    Text = 1,
    Tools = 2,
    Json = 4,
    StrictJson = 8,
    Vision = 16,
    Audio = 32,
    Reasoning = 64,
    PromptCaching = 128,
}
