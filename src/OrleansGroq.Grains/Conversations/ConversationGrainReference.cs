using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Grains.Runtime;

namespace OrleansGroq.Grains.Conversations;

internal sealed class ConversationGrainReference(GrainHandle<IConversationGrain> handle)
    : GrainReference<IConversationGrain>(handle), IConversationGrain, IGrainReferenceFactory<IConversationGrain>
{
    public static IConversationGrain Create(GrainHandle<IConversationGrain> handle) => new ConversationGrainReference(handle);

    public ValueTask<ConversationView> CreateAsync(CreateConversation request) =>
        InvokeAsync(request, static (grain, request) => grain.CreateAsync(request));

    public ValueTask<ConversationView?> GetAsync(string tenant) =>
        InvokeAsync(tenant, static (grain, tenant) => grain.GetAsync(tenant));

    public ValueTask<TurnOutcome> RunTurnAsync(TurnRequest request, IConversationTurnHandler handler, CancellationToken cancellationToken) =>
        InvokeAsync((request, handler, cancellationToken), static (grain, args) => grain.RunTurnAsync(args.request, args.handler, args.cancellationToken));

    public ValueTask<bool> DeleteAsync(string tenant) =>
        InvokeAsync(tenant, static (grain, tenant) => grain.DeleteAsync(tenant));
}
