namespace OrleansGroq.Grains.Chat;

internal enum MessageRole
{
    None,
    Invalid,
    System,
    Developer,
    User,
    Assistant,
    Tool,
}
