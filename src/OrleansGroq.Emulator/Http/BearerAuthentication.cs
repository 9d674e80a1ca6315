using OrleansGroq.Emulator.Accounts;

namespace OrleansGroq.Emulator.Http;

/// <summary>Reads <c>Authorization: Bearer &lt;key&gt;</c> and resolves the key without copying the secret.</summary>
internal static class BearerAuthentication
{
    public static ApiKey? Authenticate(HttpRequest request, KeyRegistry keys)
    {
        var values = request.Headers.Authorization;
        if (values.Count != 1 || values[0] is not { } header)
        {
            return null;
        }

        var value = header.AsSpan();
        const string Scheme = "Bearer ";
        if (!value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return keys.Find(value[Scheme.Length..].Trim());
    }
}
