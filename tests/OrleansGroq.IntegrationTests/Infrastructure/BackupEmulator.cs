using OrleansGroq.Emulator;

namespace OrleansGroq.IntegrationTests.Infrastructure;

/// <summary>A second emulator playing the backup provider: its own account and key, with free-tier limits far above what a test sends.</summary>
internal sealed class BackupEmulator : IAsyncDisposable
{
    public static readonly TestKey Key = new("backup", "org_backup", "gsk_test_backup_provider_secret");

    private BackupEmulator(EmulatorHost emulator) => Emulator = emulator;

    public EmulatorHost Emulator { get; }

    /// <summary>The gateway settings that make this emulator its backup provider.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Backup:BaseUrl"] = new Uri(Emulator.BaseAddress, "openai/v1/").ToString(),
        ["Backup:ApiKey"] = Key.Secret,
    };

    public static async Task<BackupEmulator> StartAsync() =>
        new(await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Accounts =
            [
                new AccountOptions
                {
                    Id = Key.Account,
                    Keys = [new ApiKeyOptions { Alias = Key.Alias, Secret = Key.Secret }],
                },
            ],
        }));

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();
}
