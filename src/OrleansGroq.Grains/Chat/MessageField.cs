namespace OrleansGroq.Grains.Chat;

/// <summary>The fields of a message that Groq documents; anything else is <see cref="Unknown"/> and passes through.</summary>
internal enum MessageField
{
    Unknown,
    Role,
    Content,
    ToolCalls,
    ToolCallId,
    Name,
    Reasoning,
    FunctionCall,
}
