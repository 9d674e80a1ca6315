using System.Net.Http.Headers;
using OrleansGroq.Emulator.Tests.Support;

namespace OrleansGroq.Emulator.Tests.Batches;

/// <summary><see cref="EmulatorScope.OneAccount"/>'s organization and a second one, <c>org_other</c>.</summary>
internal static class TwoAccounts
{
    public const string OtherKey = "gsk_test_other";

    public static EmulatorOptions Options
    {
        get
        {
            var options = EmulatorScope.OneAccount();
            options.Accounts.Add(new AccountOptions { Id = "org_other", Keys = [new ApiKeyOptions { Alias = "other", Secret = OtherKey }] });
            return options;
        }
    }

    public static HttpClient OtherClient(EmulatorScope emulator) => new()
    {
        BaseAddress = emulator.Host.BaseAddress,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", OtherKey) },
    };
}
