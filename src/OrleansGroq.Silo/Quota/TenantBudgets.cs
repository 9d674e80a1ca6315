using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Grains.Upstream;
using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.Telemetry;

namespace OrleansGroq.Silo.Quota;

/// <summary>
/// Fair share: a tenant with limits of its own (<c>Quota:Tenants</c>) reserves from its buckets before its request
/// may draw on the accounts' budget, so that one busy tenant cannot starve the others. The buckets are leased across
/// the cluster like an account's; a tenant without limits costs nothing here.
/// </summary>
public sealed class TenantBudgets(IModelQuotas quotas, IOptions<QuotaOptions> options, GatewayMetrics metrics, TimeProvider time)
{
    /// <summary>Reserves the request's demand for the tenant, waiting for refill within the request's deadline.</summary>
    /// <returns>The hold to settle once the answer is known (null for a tenant without limits), or the 429 to answer with.</returns>
    public async ValueTask<(QuotaHold? Hold, OpenAiErrorResult? Refusal)> AdmitAsync(string tenant, QuotaDemand demand, CancellationToken cancellationToken)
    {
        if (!options.Value.Tenants.ContainsKey(tenant) || tenant.Contains('/', StringComparison.Ordinal))
        {
            return (null, null);
        }

        using var span = GatewayTelemetry.Source.StartActivity("orleansgroq.admission");
        var slice = quotas.Get(QuotaKey.ForTenant(tenant));
        var arrived = time.GetTimestamp();
        var deadline = time.GetUtcNow() + demand.MaxWait;
        for (var waited = false; ; waited = true)
        {
            var reservation = await slice.TryReserveAsync(new ReserveRequest(demand.EstimatedTokens, demand.Priority));
            if (reservation.Granted)
            {
                if (waited)
                {
                    metrics.AdmissionWaited(tenant, time.GetElapsedTime(arrived));
                }

                return (new QuotaHold(slice, reservation.Tokens), null);
            }

            if (reservation.Status == ReservationStatus.TooLarge)
            {
                metrics.AdmissionRefused(tenant, "too_large");
                return (null, GatewayErrors.TenantLimitTooSmall(tenant));
            }

            if (time.GetUtcNow() + reservation.RetryAfter > deadline)
            {
                metrics.AdmissionRefused(tenant, "rate_limited");
                return (null, GatewayErrors.TenantRateLimited(tenant, reservation.RetryAfter));
            }

            await Task.Delay(reservation.RetryAfter, time, cancellationToken);
        }
    }
}
