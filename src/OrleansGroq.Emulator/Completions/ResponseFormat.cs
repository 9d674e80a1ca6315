namespace OrleansGroq.Emulator.Completions;

/// <summary><c>response_format</c>; <see cref="Schema"/> is the <c>json_schema.schema</c> as sent.</summary>
internal sealed record ResponseFormat(ResponseFormatKind Kind, byte[]? Schema = null, bool Strict = false)
{
    public static ResponseFormat Text { get; } = new(ResponseFormatKind.Text);

    public bool IsJson => Kind != ResponseFormatKind.Text;
}
