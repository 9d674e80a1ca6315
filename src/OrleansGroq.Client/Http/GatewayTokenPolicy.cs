using System.ClientModel.Primitives;

namespace OrleansGroq.Client.Http;

/// <summary>Sends the gateway's client token, when there is one: a gateway with no tokens serves loopback without.</summary>
internal sealed class GatewayTokenPolicy(string? token) : AuthenticationPolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Authorize(message.Request);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Authorize(message.Request);
        return ProcessNextAsync(message, pipeline, currentIndex);
    }

    private void Authorize(PipelineRequest request)
    {
        if (token is not null)
        {
            request.Headers.Set("Authorization", $"Bearer {token}");
        }
    }
}
