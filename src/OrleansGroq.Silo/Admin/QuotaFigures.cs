namespace OrleansGroq.Silo.Admin;

/// <summary>The four buckets of an account and model; 0 in a limit means unlimited.</summary>
public sealed record QuotaFigures(double Rpm, double Rpd, double Tpm, double Tpd);
