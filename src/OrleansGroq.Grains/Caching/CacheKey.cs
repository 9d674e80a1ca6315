using System.Buffers.Binary;
using System.Security.Cryptography;

namespace OrleansGroq.Grains.Caching;

/// <summary>
/// A response cache key: the tenant and the SHA-256 of the request body as sent upstream (after the model is
/// resolved, so <c>auto</c> and an alias share entries with the id they chose only when they chose it). The tenant is
/// part of the key, not of the hash input, so different tenants never share an entry. The hash is held inline: a key
/// costs no allocation.
/// </summary>
public readonly record struct CacheKey
{
    private readonly ulong _hash0;
    private readonly ulong _hash1;
    private readonly ulong _hash2;
    private readonly ulong _hash3;

    private CacheKey(string tenant, ReadOnlySpan<byte> hash)
    {
        Tenant = tenant;
        _hash0 = BinaryPrimitives.ReadUInt64LittleEndian(hash);
        _hash1 = BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]);
        _hash2 = BinaryPrimitives.ReadUInt64LittleEndian(hash[16..]);
        _hash3 = BinaryPrimitives.ReadUInt64LittleEndian(hash[24..]);
    }

    public string Tenant { get; }

    public static CacheKey Create(string tenant, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        return new CacheKey(tenant, hash);
    }
}
