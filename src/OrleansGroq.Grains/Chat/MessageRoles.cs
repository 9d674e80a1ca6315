namespace OrleansGroq.Grains.Chat;

internal static class MessageRoles
{
    public static MessageRole Parse(ReadOnlySpan<byte> value) => value switch
    {
        _ when value.SequenceEqual("user"u8) => MessageRole.User,
        _ when value.SequenceEqual("assistant"u8) => MessageRole.Assistant,
        _ when value.SequenceEqual("system"u8) => MessageRole.System,
        _ when value.SequenceEqual("tool"u8) => MessageRole.Tool,
        _ when value.SequenceEqual("developer"u8) => MessageRole.Developer,
        _ => MessageRole.Invalid,
    };
}
