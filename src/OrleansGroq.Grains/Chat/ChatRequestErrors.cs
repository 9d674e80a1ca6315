using System.Text.Json;

namespace OrleansGroq.Grains.Chat;

/// <summary>
/// The wording of every body refusal, in OpenAI's terms (its codes, its "Invalid type for 'x'" phrasing), which
/// SDKs and their users already know; Groq's own validation 400s carry no code. Built only on the error path.
/// </summary>
internal static class ChatRequestErrors
{
    public static ChatRequestError InvalidJson() =>
        new("We could not parse the JSON body of your request. The body must be a valid JSON object.", null, "invalid_json");

    public static ChatRequestError NotAnObject() => new("The request body must be a JSON object.", null, "invalid_json");

    public static ChatRequestError TooDeep(int maxDepth) =>
        new($"The JSON body is nested more than {maxDepth} levels deep.", null, "invalid_json");

    public static ChatRequestError Encoding(string? param) => param is null
        ? new("The request body is not valid UTF-8: a string holds invalid bytes or an unpaired surrogate escape.", null, "invalid_encoding")
        : new($"Invalid encoding for '{param}': strings must be valid UTF-8, without unpaired surrogate escapes.", param, "invalid_encoding");

    public static ChatRequestError Missing(string param) => new($"Missing required parameter: '{param}'.", param, "missing_required_parameter");

    public static ChatRequestError Type(string param, string expected, JsonTokenType got) =>
        new($"Invalid type for '{param}': expected {expected}, but got {Describe(got)} instead.", param, "invalid_type");

    public static ChatRequestError BelowMinimum(string param, bool integer, string minimum, string got) =>
        new(
            $"Invalid '{param}': {(integer ? "integer" : "decimal")} below minimum value. Expected a value >= {minimum}, but got {got} instead.",
            param,
            integer ? "integer_below_min_value" : "decimal_below_min_value");

    public static ChatRequestError AboveMaximum(string param, bool integer, string maximum, string got) =>
        new(
            $"Invalid '{param}': {(integer ? "integer" : "decimal")} above maximum value. Expected a value <= {maximum}, but got {got} instead.",
            param,
            integer ? "integer_above_max_value" : "decimal_above_max_value");

    public static ChatRequestError NotOneOf(string param, string allowed, string got) =>
        new($"Invalid value for '{param}': expected one of {allowed}, but got '{EchoText.Truncate(got)}' instead.", param, "invalid_value");

    public static ChatRequestError EmptyArray(string param) =>
        new($"Invalid '{param}': empty array. Expected an array with minimum length 1, but got an empty array instead.", param, "empty_array");

    public static ChatRequestError TooMany(string param, int maximum, int count) =>
        new(
            $"Invalid '{param}': array too long. Expected an array with maximum length {maximum}, but got an array with length {count} instead.",
            param,
            "array_above_max_length");

    public static ChatRequestError BadName(string param, string got) =>
        new(
            $"Invalid '{param}': '{EchoText.Truncate(got)}' does not match '^[a-zA-Z0-9_-]{{1,64}}$'.",
            param,
            "invalid_value");

    /// <summary>A field Groq documents as refused (<c>logprobs</c>, <c>logit_bias</c>, a message's <c>name</c>, ...).</summary>
    public static ChatRequestError Unsupported(string param) =>
        new($"'{param}' is not supported by Groq.", param, "unsupported_parameter");

    public static ChatRequestError NotAllowedHere(string param, string why) => new($"Invalid '{param}': {why}", param, "invalid_value");

    public static ChatRequestError Conflict(string param, string other) =>
        new($"'{param}' and '{other}' cannot be used together.", param, "invalid_value");

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => "null",
    };
}
