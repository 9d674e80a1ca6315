using System.Text;

namespace OrleansGroq.Testing.Fuzz.Cases;

/// <summary>
/// Every conversation route used as documented, under both prefixes: create (with and without a body), list, read,
/// page through messages, take a turn (streamed or not) and delete. Turns go to the run's conversations in turn, so
/// the valid turns of a batch never wait on one another.
/// </summary>
internal sealed class ValidConversationCases : IFuzzCases
{
    private static readonly string[] CreateBodies =
    [
        """{"model":"speed"}""",
        "{}",
        "",
        """{"system":"Be brief.","metadata":{"team":"fuzz"}}""",
    ];

    public FuzzCase Next(FuzzRandom random)
    {
        var prefix = random.Pick(["v1/", "openai/v1/"]);
        var conversation = $"{prefix}conversations/{ConversationPick.Placeholder}";
        switch (random.Next(7))
        {
            case 0:
                var create = random.Pick(CreateBodies);
                return FuzzCase.Valid("valid/conversation/create", create.Length == 0 ? "empty body" : create, ClientRequest.Json(prefix + "conversations", Encoding.UTF8.GetBytes(create)));
            case 1:
                return FuzzCase.Valid("valid/conversation/list", "limit=5", ClientRequest.Get(prefix + "conversations?limit=5"));
            case 2:
                return FuzzCase.Valid("valid/conversation/get", "", new ClientRequest(HttpMethod.Get, conversation) { Conversation = random.AnyConversation() });
            case 3:
                return FuzzCase.Valid("valid/conversation/messages", "limit=10", new ClientRequest(HttpMethod.Get, conversation + "/messages?limit=10") { Conversation = random.AnyConversation() });
            case 4:
                return FuzzCase.Valid("valid/conversation/delete", "", new ClientRequest(HttpMethod.Delete, conversation) { Conversation = ConversationPick.Fresh });
            default:
                var stream = random.Chance(0.3);
                var turn = $$"""{"content":"Turn {{random.Next(1000)}}: say something short.","max_tokens":16{{(stream ? ",\"stream\":true" : "")}}}""";
                var request = ClientRequest.Json(conversation + "/messages", Encoding.UTF8.GetBytes(turn));
                return FuzzCase.Valid(
                    stream ? "valid/conversation/turn-stream" : "valid/conversation/turn",
                    turn,
                    new ClientRequest(HttpMethod.Post, request.Path) { Body = request.Body, ContentType = request.ContentType, Conversation = random.NextConversation() });
        }
    }
}
