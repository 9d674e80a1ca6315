using OrleansGroq.Testing.Fuzz.Bodies;

namespace OrleansGroq.Testing.Fuzz.Cases;

/// <summary>
/// Routes that do not exist, methods a route does not take, model ids the catalog lacks, and an admin query out of
/// range. Each must be an error in OpenAI's shape like any other.
/// </summary>
internal sealed class RouteCases : IFuzzCases
{
    private static readonly string[] UnknownPaths =
    [
        "", "v1", "v2/models", "openai/v1/embeddings", "openai/v1/chat/completion", "v1/chat/completions/extra", "openai/v1/audio/translations",
        "admin", "admin/nope", "health", "openai/v1/responses", "v1/fine_tuning/jobs", "openai/v1/chat%2Fcompletions", "openai/v2/chat/completions",
    ];

    private static readonly (string Method, string Path)[] WrongMethods =
    [
        ("GET", "openai/v1/chat/completions"), ("PUT", "v1/chat/completions"), ("DELETE", "openai/v1/chat/completions"), ("PATCH", "v1/chat/completions"),
        ("POST", "openai/v1/models"), ("DELETE", "v1/models"), ("PUT", "v1/models/" + FuzzUpstream.ChatModel), ("POST", "openai/v1/models/" + FuzzUpstream.ChatModel),
        ("GET", "v1/extract"), ("PUT", "openai/v1/extract"), ("GET", "openai/v1/audio/transcriptions"), ("DELETE", "v1/audio/transcriptions"),
        ("PUT", "v1/conversations"), ("PATCH", "v1/conversations/" + ConversationPick.Placeholder), ("POST", "v1/conversations/" + ConversationPick.Placeholder),
        ("DELETE", "v1/conversations/" + ConversationPick.Placeholder + "/messages"), ("PUT", "openai/v1/conversations"),
        ("PUT", "v1/files"), ("PATCH", "openai/v1/files/file_x"), ("DELETE", "v1/batches"), ("PUT", "openai/v1/batches/batch_x/cancel"),
        ("POST", "admin/keys"), ("DELETE", "admin/quotas"), ("PUT", "admin/cluster"),
    ];

    private static readonly string[] UnknownModels = ["no-such-model", FuzzUpstream.ChatModel + "-x", "%FF%FE", "speed%20"];
    private static readonly string[] AdminQueries = ["admin/runtime?collect=maybe", "admin/runtime?collect=2"];

    public FuzzCase Next(FuzzRandom random)
    {
        var prefix = random.Pick(["v1/", "openai/v1/"]);
        switch (random.Next(4))
        {
            case 0:
                var path = random.Pick(UnknownPaths);
                var post = random.Chance(0.5);
                var unknown = post ? ClientRequest.Json(path, JsonRoutes.Chat.ValidBytes()) : ClientRequest.Get(path);
                return FuzzCase.Invalid("route/unknown", $"{(post ? "POST" : "GET")} /{path}", unknown);
            case 1:
                var (method, target) = random.Pick(WrongMethods);
                var request = new ClientRequest(new HttpMethod(method), target)
                {
                    Body = method is "GET" or "DELETE" ? null : JsonRoutes.Chat.ValidBytes(),
                    ContentType = "application/json",
                    Conversation = random.AnyConversation(),
                };
                return FuzzCase.Invalid("route/wrong-method", $"{method} /{target}", request);
            case 2:
                var model = random.Chance(0.2) ? random.Letters(4_000) : random.Pick(UnknownModels);
                return FuzzCase.Invalid("models/unknown-id", model, ClientRequest.Get($"{prefix}models/{model}"));
            default:
                var query = random.Pick(AdminQueries);
                return FuzzCase.Invalid("admin/bad-query", query, ClientRequest.Get(query));
        }
    }
}
