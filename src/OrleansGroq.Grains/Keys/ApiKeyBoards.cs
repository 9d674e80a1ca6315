using Orleans.Runtime;
using Orleans.Runtime.Services;
using OrleansGroq.Abstractions.Keys;

namespace OrleansGroq.Grains.Keys;

/// <summary>Reaches the key board of any silo by the silo's address.</summary>
internal sealed class ApiKeyBoards(IServiceProvider services) : GrainServiceClient<IApiKeyBoard>(services)
{
    public IApiKeyBoard Of(SiloAddress silo) => GetGrainService(silo);
}
