namespace OrleansGroq.Testing.Fuzz;

/// <summary>
/// Which conversation a request path's <see cref="Placeholder"/> stands for: one of the run's pooled conversations
/// (by slot, modulo the pool's size), or a fresh one made for this request alone (for a delete).
/// </summary>
internal readonly record struct ConversationPick(int Slot)
{
    public const string Placeholder = "{conversation}";

    public static ConversationPick Fresh { get; } = new(-1);

    public bool IsFresh => Slot < 0;
}
