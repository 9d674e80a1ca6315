using System.Text;
using System.Text.Json;

namespace OrleansGroq.Testing.Fuzz;

/// <summary>Checks one answer against what its case expects; upstream calls are judged per batch by the runner.</summary>
internal static class FuzzJudge
{
    public static IReadOnlyList<FuzzFailure> Judge(FuzzCase fuzzCase, FuzzAnswer answer)
    {
        var failures = new List<FuzzFailure>();
        if (!answer.Answered && fuzzCase.Kind != FuzzCaseKind.Abandoned)
        {
            failures.Add(FuzzFailure.NoAnswer);
        }

        if (answer.Status >= 500)
        {
            failures.Add(FuzzFailure.ServerError);
        }

        // A request the HTTP server refused before the gateway saw it is answered with the server's own body.
        var fromGateway = fuzzCase.Kind != FuzzCaseKind.Unparsable || answer.RequestId is not null;
        if (answer.Status >= 400 && fromGateway)
        {
            if (!IsOpenAiError(answer.Body))
            {
                failures.Add(FuzzFailure.NonJsonError);
            }

            if (string.IsNullOrEmpty(answer.RequestId))
            {
                failures.Add(FuzzFailure.MissingRequestId);
            }
        }

        if (fuzzCase.Kind == FuzzCaseKind.Valid && !IsServed(answer))
        {
            failures.Add(FuzzFailure.ValidFailed);
        }

        if (fuzzCase.Kind != FuzzCaseKind.Valid && answer.Status is > 0 and < 400)
        {
            failures.Add(FuzzFailure.InvalidAccepted);
        }

        return failures;
    }

    /// <summary>OpenAI's error shape: an object whose <c>error</c> object has a string <c>message</c> and <c>type</c>.</summary>
    public static bool IsOpenAiError(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                && error.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsServed(FuzzAnswer answer)
    {
        if (answer.Status is < 200 or >= 300 || answer.Degraded)
        {
            return false;
        }

        if (answer.ContentType?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) != true)
        {
            return true;
        }

        var stream = Encoding.UTF8.GetString(answer.Body);
        return stream.TrimEnd().EndsWith("data: [DONE]", StringComparison.Ordinal) && !stream.Contains("event: error", StringComparison.Ordinal);
    }
}
