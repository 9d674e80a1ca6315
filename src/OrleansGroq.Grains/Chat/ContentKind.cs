namespace OrleansGroq.Grains.Chat;

/// <summary>What a message's <c>content</c> was.</summary>
internal enum ContentKind
{
    Absent,
    Null,
    Text,
    Parts,
}
