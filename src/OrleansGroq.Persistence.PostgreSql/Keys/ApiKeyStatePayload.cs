using OrleansGroq.Abstractions.Keys;

namespace OrleansGroq.Persistence.PostgreSql.Keys;

/// <summary>One <c>api_key_state</c> row as <see cref="ApiKeyStateSql"/> renders it in JSON.</summary>
/// <param name="Alias">The key's alias.</param>
/// <param name="CoolingUntilUs">The cooldown end in microseconds since the Unix epoch, or <see langword="null"/>.</param>
/// <param name="Reason">The cooldown reason's name (<see cref="CooldownReasonNames"/>).</param>
/// <param name="Disabled">Whether some node disabled the key.</param>
internal sealed record ApiKeyStatePayload(string Alias, long? CoolingUntilUs, string? Reason, bool Disabled)
{
    public ApiKeyStateChange ToChange() => new(
        CoolingUntilUs is { } us ? DateTimeOffset.UnixEpoch.AddTicks(us * TimeSpan.TicksPerMicrosecond) : null,
        CooldownReasonNames.Parse(Reason),
        Disabled);
}
