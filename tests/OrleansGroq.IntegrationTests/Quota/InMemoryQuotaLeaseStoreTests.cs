using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Grains.Quota;

namespace OrleansGroq.IntegrationTests.Quota;

public sealed class InMemoryQuotaLeaseStoreTests : QuotaLeaseStoreContract
{
    protected override IQuotaLeaseStore Store { get; } = new InMemoryQuotaLeaseStore();
}
