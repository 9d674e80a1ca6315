using System.Text;
using OrleansGroq.Grains.Caching;

namespace OrleansGroq.Tests.Caching;

public sealed class CacheKeyTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"model":"llama-3.1-8b-instant","temperature":0,"messages":[{"role":"user","content":"hi"}]}""");

    [Fact]
    public void The_same_tenant_and_body_give_equal_keys()
    {
        var first = CacheKey.Create("tenant-a", Body);
        var second = CacheKey.Create("tenant-a", Body.ToArray());

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void One_changed_byte_gives_another_key()
    {
        var changed = Body.ToArray();
        changed[^3] ^= 1;

        Assert.NotEqual(CacheKey.Create("tenant-a", Body), CacheKey.Create("tenant-a", changed));
    }

    [Fact]
    public void Tenants_never_share_a_key()
    {
        Assert.NotEqual(CacheKey.Create("tenant-a", Body), CacheKey.Create("tenant-b", Body));
        Assert.NotEqual(CacheKey.Create("Tenant-A", Body), CacheKey.Create("tenant-a", Body));
    }

    [Fact]
    public void The_tenant_is_kept_and_an_empty_body_is_a_key_like_any_other()
    {
        var key = CacheKey.Create("tenant-a", []);

        Assert.Equal("tenant-a", key.Tenant);
        Assert.NotEqual(key, CacheKey.Create("tenant-a", Body));
    }

    [Fact]
    public void A_missing_tenant_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => CacheKey.Create(null!, Body));
    }
}
