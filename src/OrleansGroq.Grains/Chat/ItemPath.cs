namespace OrleansGroq.Grains.Chat;

/// <summary>
/// Where an item sits (<c>messages[2]</c>, <c>tools[0]</c>, or the body itself when <see cref="Array"/> is null), so that
/// the full path of a refused field is only formatted when a body is refused.
/// </summary>
internal readonly record struct ItemPath(string? Array, int Index)
{
    public static ItemPath Root => default;

    /// <summary>The path of a field inside the item: <c>messages[2].content</c>.</summary>
    public string Of(string leaf) => Array is null ? leaf : $"{Array}[{Index}].{leaf}";

    /// <summary>The path of the item itself: <c>messages[2]</c>.</summary>
    public string Self => Array is null ? "" : $"{Array}[{Index}]";
}
