using System.ClientModel.Primitives;

namespace OrleansGroq.Client.Http;

/// <summary>The OpenAI pipeline's per-call step that applies the current <see cref="GatewayCall"/> and records its answer.</summary>
internal sealed class GatewayCallPolicy : PipelinePolicy
{
    public static readonly GatewayCallPolicy Instance = new();

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        var call = GatewayCall.Current;
        call?.Apply(message.Request);
        ProcessNext(message, pipeline, currentIndex);
        call?.Capture(message.Response);
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        var call = GatewayCall.Current;
        call?.Apply(message.Request);
        await ProcessNextAsync(message, pipeline, currentIndex).ConfigureAwait(false);
        call?.Capture(message.Response);
    }
}
