using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Routing;

namespace OrleansGroq.Grains.Routing;

/// <summary>Resolves model ids and aliases against the configured catalog.</summary>
public sealed class ModelCatalog
{
    private readonly FrozenDictionary<string, ModelSpec> _byId;
    private readonly FrozenDictionary<string, ModelSpec> _byAlias;

    public ModelCatalog(IOptions<ModelCatalogOptions> options)
    {
        var value = options.Value;
        Models = value.Catalog;
        _byId = value.Catalog.ToFrozenDictionary(m => m.Id, StringComparer.Ordinal);
        _byAlias = value.Aliases.ToFrozenDictionary(
            a => a.Key,
            a => _byId.TryGetValue(a.Value, out var spec)
                ? spec
                : throw new InvalidOperationException($"Models:Aliases:{a.Key} names '{a.Value}', which is not in Models:Catalog."),
            StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<ModelSpec> Models { get; }

    /// <summary>Alias (case-insensitive) to its model, for callers that must tell an alias from an id.</summary>
    public IReadOnlyDictionary<string, ModelSpec> Aliases => _byAlias;

    /// <summary>Finds a model by exact id first, then by alias.</summary>
    public bool TryResolve(string idOrAlias, out ModelSpec model) =>
        _byId.TryGetValue(idOrAlias, out model!) || _byAlias.TryGetValue(idOrAlias, out model!);
}
