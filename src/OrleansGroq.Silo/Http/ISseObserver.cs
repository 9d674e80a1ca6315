namespace OrleansGroq.Silo.Http;

/// <summary>Sees the bytes of a relayed SSE stream as they pass, without holding them up.</summary>
public interface ISseObserver
{
    void Observe(ReadOnlySpan<byte> bytes);
}
