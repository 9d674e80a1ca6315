namespace OrleansGroq.Silo.Http;

/// <summary>Sees each chunk of a relayed SSE stream as it passes, without holding it up.</summary>
public interface ISseObserver
{
    /// <summary>Called with the JSON of each <c>data:</c> chunk the client is sent, already checked to be a JSON object.</summary>
    void OnData(ReadOnlySpan<byte> json);
}
