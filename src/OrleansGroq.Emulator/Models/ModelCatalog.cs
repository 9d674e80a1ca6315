namespace OrleansGroq.Emulator.Models;

/// <summary>The models the emulator serves, looked up without allocating on the hot path.</summary>
internal sealed class ModelCatalog
{
    private readonly ModelInfo[] _models;
    private readonly Dictionary<string, ModelInfo> _byId;

    public ModelCatalog(IEnumerable<ModelOptions> models)
    {
        _models = [.. models.Select(m => new ModelInfo(m))];
        _byId = _models.ToDictionary(m => m.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<ModelInfo> All => _models;

    public ModelInfo? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Finds a model by its UTF-8 id as it appears in a request body.</summary>
    public ModelInfo? Find(ReadOnlySpan<byte> utf8Id)
    {
        // A dozen entries: a scan over byte spans beats hashing a freshly decoded string.
        foreach (var model in _models)
        {
            if (utf8Id.SequenceEqual(model.IdUtf8))
            {
                return model;
            }
        }

        return null;
    }
}
