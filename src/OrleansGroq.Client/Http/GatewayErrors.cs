using System.ClientModel;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace OrleansGroq.Client.Http;

/// <summary>Turns the gateway's error answers, however they arrived, into <see cref="OrleansGroqException"/>.</summary>
internal static class GatewayErrors
{
    /// <summary>
    /// The exception to throw for one the OpenAI SDK raised: an error answer becomes typed (<c>retry-after</c> in whole
    /// seconds, as the gateway writes it); a failure to connect is thrown as the transport raised it, as
    /// <see cref="HttpClient"/> would.
    /// </summary>
    public static Exception From(ClientResultException exception)
    {
        if (exception.GetRawResponse() is not { } response)
        {
            return exception.InnerException as HttpRequestException ?? (Exception)exception;
        }

        response.Headers.TryGetValue(GatewayHeaderNames.RetryAfter, out var retryAfter);
        response.Headers.TryGetValue(GatewayHeaderNames.RequestId, out var requestId);
        var seconds = int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
        return Create(response.Status, response.Content.ToMemory().Span, seconds, requestId, exception);
    }

    /// <summary>The exception for an error answer read by the client's own HTTP calls.</summary>
    public static async Task<OrleansGroqException> FromAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var requestId = response.Headers.TryGetValues(GatewayHeaderNames.RequestId, out var ids) ? ids.FirstOrDefault() : null;
        return Create((int)response.StatusCode, body, response.Headers.RetryAfter?.Delta, requestId, inner: null);
    }

    /// <summary>The exception for an error answer's status, body and headers.</summary>
    public static OrleansGroqException Create(int status, ReadOnlySpan<byte> body, TimeSpan? retryAfter, string? requestId, Exception? inner)
    {
        string? message = null, code = null, type = null, param = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                message = Text(error, "message");
                code = Text(error, "code");
                type = Text(error, "type");
                param = Text(error, "param");
            }
        }
        catch (JsonException)
        {
            // Not the gateway's JSON (a proxy's page, say): the status alone describes it.
        }

        var text = $"{message ?? ReasonOf(status)} (HTTP {status}{(code is null ? "" : $", {code}")})";
        return new OrleansGroqException(text, status, code, type, param, retryAfter, requestId, inner);
    }

    private static string ReasonOf(int status) => Enum.IsDefined((HttpStatusCode)status) ? ((HttpStatusCode)status).ToString() : "The gateway answered with an error";

    private static string? Text(JsonElement error, string name) =>
        error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
