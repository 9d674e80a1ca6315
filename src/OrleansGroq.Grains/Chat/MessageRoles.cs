using System.Text.Json;

namespace OrleansGroq.Grains.Chat;

internal static class MessageRoles
{
    /// <summary>The roles in the order of <see cref="MessageRole"/>, after its None and Invalid.</summary>
    public static readonly AllowedValues Allowed = new("system", "developer", "user", "assistant", "tool");

    public static MessageRole Parse(ref Utf8JsonReader reader) =>
        Allowed.IndexOf(ref reader) is var index and >= 0 ? MessageRole.System + index : MessageRole.Invalid;
}
