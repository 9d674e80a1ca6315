using OrleansGroq.Abstractions.Keys;

namespace OrleansGroq.Persistence.PostgreSql.Keys;

/// <summary>One <c>api_key_state</c> row as <see cref="ApiKeyStateSql"/> renders it in JSON.</summary>
/// <param name="Alias">The key's alias.</param>
/// <param name="CoolingUntilUs">The cooldown end in microseconds since the Unix epoch, or <see langword="null"/>.</param>
/// <param name="Reason">The cooldown reason's name (<see cref="CooldownReasonNames"/>).</param>
/// <param name="Disabled">Whether some node disabled the key.</param>
/// <param name="CoolingModel">The model the cooldown is about, or <see langword="null"/> for every model.</param>
internal sealed record ApiKeyStatePayload(string Alias, long? CoolingUntilUs, string? Reason, bool Disabled, string? CoolingModel = null)
{
    public ApiKeyStateChange ToChange() => new(
        CoolingUntilUs is { } us ? DateTimeOffset.UnixEpoch.AddTicks(us * TimeSpan.TicksPerMicrosecond) : null,
        CooldownReasonNames.Parse(Reason),
        Disabled,
        CoolingModel);
}
