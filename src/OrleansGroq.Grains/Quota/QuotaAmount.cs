namespace OrleansGroq.Grains.Quota;

/// <summary>Requests and tokens together, as a slice, a cost or an ask holds them.</summary>
internal readonly record struct QuotaAmount(long Requests, long Tokens)
{
    public static QuotaAmount Zero => default;

    public bool IsZero => Requests == 0 && Tokens == 0;

    public static QuotaAmount operator +(QuotaAmount a, QuotaAmount b) => new(a.Requests + b.Requests, a.Tokens + b.Tokens);
}
