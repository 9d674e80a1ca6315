using System.Text.Json;

namespace OrleansGroq.IntegrationTests.Infrastructure;

internal static class ResponseAssertions
{
    public static string Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    public static int Attempts(this HttpResponseMessage response) => int.Parse(response.Header("x-orleansgroq-attempts"), System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<JsonElement> ErrorAsync(this HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").Clone();
    }
}
