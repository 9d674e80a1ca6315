namespace OrleansGroq.Emulator.Faults;

/// <summary>Checks a fault rule; shared by the configuration file and the control API.</summary>
internal static class FaultRuleValidator
{
    /// <summary>Returns the problem, naming the field, or null when the rule is valid.</summary>
    public static string? Check(FaultRule? rule)
    {
        if (rule is null)
        {
            return "rule must not be null";
        }

        if (!Enum.IsDefined(rule.Kind))
        {
            return "kind is unknown";
        }

        if (rule.Probability is { } p && (double.IsNaN(p) || p < 0 || p > 1))
        {
            return "probability must be between 0 and 1";
        }

        if (rule.Times is < 0)
        {
            return "times must not be negative";
        }

        if (rule.DelayMs is < 0)
        {
            return "delay_ms must not be negative";
        }

        if (rule.Kind == FaultKind.Latency && rule.DelayMs is null)
        {
            return "delay_ms is required for latency";
        }

        if (rule.AfterChunks is < 0)
        {
            return "after_chunks must not be negative";
        }

        if (rule.RequestNumbers is { } numbers && numbers.Any(n => n < 1))
        {
            return "request_numbers are 1-based";
        }

        return null;
    }
}
