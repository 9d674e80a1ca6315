using System.Diagnostics.CodeAnalysis;

namespace OrleansGroq.Abstractions.Keys;

/// <summary>The key pool's answer: a key, or none with the earliest time one frees up.</summary>
/// <param name="Key">The key to use, or <see langword="null"/> when none is available.</param>
/// <param name="RetryAt">When no key is available: when the first cooldown ends; <see langword="null"/> if no key ever will.</param>
/// <param name="Rotated">Whether the affinity's preferred key was passed over because it was unavailable or excluded.</param>
public readonly record struct ApiKeySelection(ApiKeyInfo? Key, DateTimeOffset? RetryAt, bool Rotated)
{
    /// <summary>Whether a key was selected.</summary>
    [MemberNotNullWhen(true, nameof(Key))]
    public bool Found => Key is not null;
}
