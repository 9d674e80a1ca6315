namespace OrleansGroq.Grains.Runtime;

/// <summary>A grain class registered for a grain interface, as recorded by <c>AddGrain</c>.</summary>
internal abstract class GrainRegistration
{
    public abstract Type InterfaceType { get; }

    public abstract IGrainCatalog CreateCatalog(GrainRuntime runtime);

    /// <summary>The grain type of an interface: its name without the leading I (IApiKeyGrain: ApiKeyGrain).</summary>
    public static string GrainTypeOf(Type interfaceType)
    {
        var name = interfaceType.Name;
        return name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]) ? name[1..] : name;
    }
}
