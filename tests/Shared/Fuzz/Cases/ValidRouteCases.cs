namespace OrleansGroq.Testing.Fuzz.Cases;

/// <summary>
/// The read-only routes, used as documented, in turn so that even a short run reads each: models under both prefixes
/// (ids with a slash raw and escaped), health and admin.
/// </summary>
internal sealed class ValidRouteCases : IFuzzCases
{
    private const string AnyModel = "models/{id}";

    private static readonly string[] ModelIds = [.. FuzzUpstream.Models, "openai%2Fgpt-oss-20b"];

    private static readonly string[] Paths =
    [
        "v1/models", "openai/v1/models", AnyModel, "health/live", "health/ready", "admin/keys", "admin/quotas", "admin/runtime", "admin/cluster",
    ];

    public FuzzCase Next(FuzzRandom random)
    {
        var path = random.Rotate(Paths);
        if (path == AnyModel)
        {
            var id = random.Pick(ModelIds);
            return FuzzCase.Valid("valid/models/get", id, ClientRequest.Get($"{random.Pick(["v1/", "openai/v1/"])}models/{id}"));
        }

        return FuzzCase.Valid("valid/" + path, path, ClientRequest.Get(path));
    }
}
