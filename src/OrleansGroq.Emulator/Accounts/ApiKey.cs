namespace OrleansGroq.Emulator.Accounts;

/// <summary>An authenticated key: its alias (never the secret) and the account it belongs to.</summary>
internal sealed record ApiKey(string Alias, Account Account);
