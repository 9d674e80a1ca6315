using OrleansGroq.Abstractions.Keys;

namespace OrleansGroq.Grains.Keys;

/// <summary>
/// How a key grain folds a cooldown or a 401 into the key's state; pure, so that it is tested without a silo. Returns
/// <paramref name="current"/> itself when nothing changes.
/// </summary>
internal static class CooldownMerge
{
    /// <summary>
    /// Max-deadline merge: a cooldown replaces a running one only if it ends later; disabled is for good. A cooldown
    /// for another model than the running one's widens it to every model, since one deadline is all a key keeps.
    /// </summary>
    public static ApiKeyState Merge(ApiKeyState current, DateTimeOffset? coolUntil, CooldownReason reason, string? model, bool disable, DateTimeOffset now)
    {
        var next = current;
        if (disable && !current.Disabled)
        {
            next = next with { Disabled = true, DisabledAt = now };
        }

        if (coolUntil is not { } until || until <= now)
        {
            return next;
        }

        if (current.CoolingUntil is not { } existing || existing <= now)
        {
            return next with { CoolingUntil = until, CooldownReason = reason, CoolingModel = model };
        }

        var scope = current.CoolingModel == model ? model : null;
        return until > existing
            ? next with { CoolingUntil = until, CooldownReason = reason, CoolingModel = scope }
            : scope != current.CoolingModel ? next with { CoolingModel = scope } : next;
    }
}
