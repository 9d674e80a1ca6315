using System.Security.Cryptography;
using System.Text;
using OrleansGroq.Emulator.Accounts;

namespace OrleansGroq.Emulator.Tests.Accounts;

public sealed class KeyRegistryTests
{
    [Fact]
    public void Without_accounts_every_gsk_key_is_its_own_account_named_by_hash()
    {
        var registry = new KeyRegistry([]);
        var hex = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("gsk_test_alpha")))[..12];

        var key = registry.Find("gsk_test_alpha")!;

        Assert.Equal("key_" + hex, key.Alias);
        Assert.Equal("org_" + hex, key.Account.Id);
        Assert.Same(key, registry.Find("gsk_test_alpha"));
        Assert.NotEqual(key.Account.Id, registry.Find("gsk_test_beta")!.Account.Id);
    }

    [Theory]
    [InlineData("sk-test_alpha")]
    [InlineData("gsk_")]
    [InlineData("")]
    public void Without_accounts_other_keys_are_refused(string secret) => Assert.Null(new KeyRegistry([]).Find(secret));

    [Fact]
    public void With_accounts_only_configured_keys_exist()
    {
        var registry = new KeyRegistry([new AccountOptions { Id = "org_a", Keys = [new ApiKeyOptions { Alias = "a1", Secret = "secret-one" }] }]);

        Assert.Equal("a1", registry.Find("secret-one")!.Alias);
        Assert.Equal("org_a", registry.Find("secret-one")!.Account.Id);
        Assert.Null(registry.Find("gsk_test_alpha"));
    }
}
