using Microsoft.Extensions.DependencyInjection;
using OrleansGroq.Abstractions.Runtime;

namespace OrleansGroq.Grains.Runtime;

/// <summary>Creates the catalog of <typeparamref name="TGrainInterface"/>, served by <typeparamref name="TGrain"/> through <typeparamref name="TReference"/>.</summary>
internal sealed class GrainRegistration<TGrainInterface, TGrain, TReference> : GrainRegistration
    where TGrainInterface : class, IGrainWithStringKey
    where TGrain : class, TGrainInterface
    where TReference : GrainReference<TGrainInterface>, TGrainInterface, IGrainReferenceFactory<TGrainInterface>
{
    public override Type InterfaceType => typeof(TGrainInterface);

    public override IGrainCatalog CreateCatalog(GrainRuntime runtime) =>
        new GrainCatalog<TGrainInterface>(
            runtime,
            GrainTypeOf(typeof(TGrainInterface)),
            ActivatorUtilities.CreateFactory(typeof(TGrain), Type.EmptyTypes),
            static handle => TReference.Create(handle));
}
