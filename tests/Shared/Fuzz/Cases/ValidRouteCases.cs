namespace OrleansGroq.Testing.Fuzz.Cases;

/// <summary>The read-only routes, used as documented: models (ids with a slash raw and escaped), health and admin.</summary>
internal sealed class ValidRouteCases : IFuzzCases
{
    private static readonly string[] ModelIds = [.. FuzzUpstream.Models, "openai%2Fgpt-oss-20b"];
    private static readonly string[] Plain = ["health/live", "health/ready", "admin/keys", "admin/quotas", "admin/runtime", "admin/cluster"];

    public FuzzCase Next(FuzzRandom random)
    {
        var prefix = random.Pick(["v1/", "openai/v1/"]);
        switch (random.Next(3))
        {
            case 0:
                return FuzzCase.Valid("valid/models/list", prefix + "models", ClientRequest.Get(prefix + "models"));
            case 1:
                var id = random.Pick(ModelIds);
                return FuzzCase.Valid("valid/models/get", id, ClientRequest.Get($"{prefix}models/{id}"));
            default:
                var path = random.Pick(Plain);
                return FuzzCase.Valid("valid/" + path, path, ClientRequest.Get(path));
        }
    }
}
