namespace OrleansGroq.Emulator.Control;

/// <summary>Body of <c>PUT /_emulator/limits</c>.</summary>
internal sealed record LimitsUpdate(string? Account, string? Model, long Rpm, long Rpd, long Tpm, long Tpd);
