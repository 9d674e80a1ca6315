namespace OrleansGroq.Grains.Chat;

/// <summary>
/// A value that broke a rule, not yet tied to a field: the caller names the field (<c>messages[2].content</c>), so
/// paths are only built for a body that is refused. The default is no problem.
/// </summary>
/// <remarks>
/// A lambda's captured variables are allocated where they are declared, whether or not the lambda is made: every
/// problem is therefore described in a method of its own, which only a refused body calls.
/// </remarks>
internal readonly struct ValueProblem
{
    private readonly Func<string, ChatRequestError>? _describe;

    private ValueProblem(Func<string, ChatRequestError> describe) => _describe = describe;

    public bool Found => _describe is not null;

    public static ValueProblem Of(Func<string, ChatRequestError> describe) => new(describe);

    /// <summary>A required field missing from the value: <c>{param}.{leaf}</c>.</summary>
    public static ValueProblem Missing(string leaf) => Of(p => ChatRequestErrors.Missing($"{p}.{leaf}"));

    /// <summary>The refusal for the field at <paramref name="param"/>; only valid when <see cref="Found"/>.</summary>
    public ChatRequestError At(string param) => _describe!(param);

    /// <summary>This problem, found in the value's <paramref name="leaf"/> field: at <c>{param}.{leaf}</c>.</summary>
    public ValueProblem Within(string leaf)
    {
        var inner = this;
        return Of(p => inner.At($"{p}.{leaf}"));
    }
}
