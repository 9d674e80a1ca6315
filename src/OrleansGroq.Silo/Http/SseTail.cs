namespace OrleansGroq.Silo.Http;

/// <summary>
/// Watches the bytes of a relayed SSE stream without parsing it: whether it ended with
/// <c>data: [DONE]</c>, whether the upstream already sent an <c>event: error</c>, and whether the
/// last event is complete. A small carry of the previous bytes catches markers split across reads.
/// </summary>
internal struct SseTail
{
    private const int CarryLength = 32;

    private byte[]? _carry;
    private int _carried;

    public bool SawErrorEvent { get; private set; }

    public void Observe(ReadOnlySpan<byte> chunk)
    {
        _carry ??= new byte[CarryLength * 2];
        if (!SawErrorEvent)
        {
            SawErrorEvent = chunk.IndexOf("event: error"u8) >= 0 || SpansBoundary(chunk, "event: error"u8);
        }

        var keep = Math.Min(chunk.Length, CarryLength);
        if (_carried + keep > _carry.Length)
        {
            _carry.AsSpan(_carried - CarryLength + keep, CarryLength - keep).CopyTo(_carry);
            _carried = CarryLength - keep;
        }

        chunk[^keep..].CopyTo(_carry.AsSpan(_carried));
        _carried += keep;
    }

    public readonly bool EndedWithDone => Tail.TrimEnd("\n\r "u8).EndsWith("data: [DONE]"u8);

    /// <summary>True when the stream stopped between events, so an appended event starts cleanly.</summary>
    public readonly bool AtEventBoundary => _carried == 0 || Tail.EndsWith("\n\n"u8);

    private readonly ReadOnlySpan<byte> Tail => _carry is null ? default : _carry.AsSpan(0, _carried);

    private readonly bool SpansBoundary(ReadOnlySpan<byte> chunk, ReadOnlySpan<byte> marker)
    {
        if (_carried == 0)
        {
            return false;
        }

        Span<byte> joined = stackalloc byte[CarryLength * 2];
        var head = Math.Min(chunk.Length, marker.Length - 1);
        var from = Tail[Math.Max(0, _carried - (marker.Length - 1))..];
        from.CopyTo(joined);
        chunk[..head].CopyTo(joined[from.Length..]);
        return joined[..(from.Length + head)].IndexOf(marker) >= 0;
    }
}
