using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace OrleansGroq.Silo.Admin;

/// <summary>
/// Checks the admin bearer token against the configured SHA-256 digest in constant time; with no digest configured,
/// admits loopback callers only.
/// </summary>
internal sealed class AdminAuthenticator
{
    private const string Scheme = "Bearer ";

    // Longer headers are refused before hashing, so a caller cannot make every request hash megabytes.
    private const int MaxHeaderLength = 1024;

    private readonly byte[]? _digest;

    public AdminAuthenticator(IOptions<AdminOptions> options)
    {
        var hex = options.Value.TokenSha256;
        _digest = string.IsNullOrWhiteSpace(hex) ? null : Convert.FromHexString(hex.Trim());
    }

    public bool LoopbackOnly => _digest is null;

    public AdminAccess Authorize(HttpContext context)
    {
        if (_digest is null)
        {
            return context.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip) ? AdminAccess.Granted : AdminAccess.Hidden;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header.Length > MaxHeaderLength)
        {
            return AdminAccess.Unauthorized;
        }

        Span<byte> token = stackalloc byte[Encoding.UTF8.GetMaxByteCount(header.Length - Scheme.Length)];
        var written = Encoding.UTF8.GetBytes(header.AsSpan(Scheme.Length).Trim(), token);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(token[..written], digest);
        return CryptographicOperations.FixedTimeEquals(_digest, digest) ? AdminAccess.Granted : AdminAccess.Unauthorized;
    }
}
