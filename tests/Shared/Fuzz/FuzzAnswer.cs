namespace OrleansGroq.Testing.Fuzz;

/// <summary>
/// What came back for a fuzz request: the status (0 when no answer came), the headers the checks read, and the body.
/// <see cref="Attempts"/> is the gateway's own count of upstream sends (<c>x-orleansgroq-attempts</c>).
/// </summary>
internal sealed record FuzzAnswer(int Status, string? RequestId, string? ContentType, int Attempts, bool Degraded, byte[] Body, string? Failure = null)
{
    public const string RequestIdHeader = "x-request-id";
    public const string AttemptsHeader = "x-orleansgroq-attempts";
    public const string DegradedHeader = "x-orleansgroq-degraded";

    public bool Answered => Status > 0;

    public static FuzzAnswer None(string failure) => new(0, null, null, 0, false, [], failure);

    /// <summary>The answer from its header values, as either sender read them.</summary>
    public static FuzzAnswer From(int status, Func<string, string?> header, byte[] body) =>
        new(
            status,
            header(RequestIdHeader),
            header("Content-Type"),
            int.TryParse(header(AttemptsHeader), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var attempts) ? attempts : 0,
            header(DegradedHeader) is { Length: > 0 },
            body);
}
