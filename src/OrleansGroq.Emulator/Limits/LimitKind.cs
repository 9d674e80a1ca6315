namespace OrleansGroq.Emulator.Limits;

/// <summary>Groq's four limits, in the order they are checked.</summary>
internal enum LimitKind
{
    Rpm,
    Rpd,
    Tpm,
    Tpd,
}
