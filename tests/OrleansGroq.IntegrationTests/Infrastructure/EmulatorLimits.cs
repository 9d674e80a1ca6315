using OrleansGroq.Emulator;

namespace OrleansGroq.IntegrationTests.Infrastructure;

internal static class EmulatorLimits
{
    /// <summary>
    /// Lifts every limit of the given models for every account of <paramref name="keys"/>, so that only the limits a
    /// test sets can refuse a request (the emulator's free-tier defaults would otherwise calibrate the gateway's budget).
    /// </summary>
    public static void Unlimit(this EmulatorControl control, IEnumerable<TestKey> keys, params string[] models)
    {
        foreach (var account in keys.Select(k => k.Account).Distinct())
        {
            foreach (var model in models)
            {
                control.SetLimits(account, model, ModelLimits.Unlimited);
            }
        }
    }
}
