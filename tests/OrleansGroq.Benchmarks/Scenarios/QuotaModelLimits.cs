namespace OrleansGroq.Benchmarks.Scenarios;

/// <summary>The limits the quota scenario gives one model, per account, to the emulator and the gateways alike.</summary>
internal sealed record QuotaModelLimits(string Model, int Rpm, int Tpm);
