using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace OrleansGroq.Silo.Auth;

/// <summary>
/// Maps a bearer token to its tenant by comparing SHA-256 digests in constant time. Every configured
/// digest is compared on every call, so the time taken says nothing about which one matched.
/// </summary>
public sealed class ClientAuthenticator
{
    private static readonly GatewayClient LocalClient = new("local");

    private readonly (byte[] Digest, GatewayClient Client)[] _tokens;

    public ClientAuthenticator(IOptions<ClientAuthOptions> options)
    {
        _tokens = options.Value.Tokens.Select((t, i) => (ParseDigest(t.Sha256, i), new GatewayClient(t.Tenant))).ToArray();
    }

    public bool LoopbackOnly => _tokens.Length == 0;

    public GatewayClient? Authenticate(HttpContext context)
    {
        if (LoopbackOnly)
        {
            return context.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip) ? LocalClient : null;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > 1024)
        {
            return null;
        }

        Span<byte> token = stackalloc byte[Encoding.UTF8.GetMaxByteCount(header.Length - 7)];
        var written = Encoding.UTF8.GetBytes(header.AsSpan(7).Trim(), token);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(token[..written], digest);

        GatewayClient? match = null;
        foreach (var (expected, client) in _tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(expected, digest))
            {
                match = client;
            }
        }

        return match;
    }

    private static byte[] ParseDigest(string hex, int index)
    {
        var digest = new byte[SHA256.HashSizeInBytes];
        if (hex.Length == 2 * digest.Length && Convert.FromHexString(hex, digest, out _, out _) == System.Buffers.OperationStatus.Done)
        {
            return digest;
        }

        throw new OptionsValidationException(
            ClientAuthOptions.SectionName,
            typeof(ClientAuthOptions),
            [$"{ClientAuthOptions.SectionName}:Tokens:{index}:Sha256 must be 64 hex characters (the SHA-256 of the token)."]);
    }
}
