using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Gateway;

/// <summary>The gateway the invalid-input tests share: every request they send is refused, so its upstream counts none.</summary>
public sealed class InvalidInputGateway() : SharedGateway([new TestKey("k1", "org_invalid", "gsk_test_invalid_input_key")]);
