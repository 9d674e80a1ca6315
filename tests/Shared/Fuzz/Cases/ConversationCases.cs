using System.Text;

namespace OrleansGroq.Testing.Fuzz.Cases;

/// <summary>
/// The conversation routes' own failures: malformed ids and well-formed unknown ones on every conversation route,
/// paging values out of range, and members the create request does not take (one of them a 2 MB name).
/// </summary>
internal sealed class ConversationCases : IFuzzCases
{
    private const string IdAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    private static readonly string[] Prefixes = ["v1/", "openai/v1/"];

    /// <summary>
    /// Ids that are not <c>conv_</c> and 26 base32 characters, already escaped for a path, and short enough for the
    /// server's request line limit (a longer one is the server's 414, see <see cref="ProtocolCases"/>).
    /// </summary>
    private static readonly string[] MalformedIds =
    [
        "abc",
        "conv_",
        "conv_" + Uri.EscapeDataString(new string('!', 26)),
        "conv_ABCDEFGHJKMNPQRSTVWXYZ0123",
        "conv_" + new string('a', 25),
        "conv_" + new string('a', 27),
        new string('c', 4_000),
        "%FF%FE",
    ];

    private static readonly string[] ListQueries = ["limit=0", "limit=101", "limit=-1", "limit=abc", "limit=1e3", "limit=99999999999", "after=nope", "after=conv_x"];
    private static readonly string[] MessageQueries = ["after=-1", "after=abc", "after=99999999999", "limit=0", "limit=abc"];

    public FuzzCase Next(FuzzRandom random)
    {
        var prefix = random.Pick(Prefixes);
        switch (random.Next(6))
        {
            case 0:
            case 1:
                var malformed = random.Pick(MalformedIds);
                return OnId(random, prefix, "malformed-id", malformed);
            case 2:
                var unknown = "conv_" + new string([.. Enumerable.Range(0, 26).Select(_ => IdAlphabet[random.Next(IdAlphabet.Length)])]);
                return OnId(random, prefix, "unknown-id", unknown);
            case 3:
                var list = random.Pick(ListQueries);
                return FuzzCase.Invalid("conversation-list/paging", list, ClientRequest.Get($"{prefix}conversations?{list}"));
            case 4:
                var page = random.Pick(MessageQueries);
                var messages = new ClientRequest(HttpMethod.Get, $"{prefix}conversations/{ConversationPick.Placeholder}/messages?{page}")
                {
                    Conversation = random.AnyConversation(),
                };
                return FuzzCase.Invalid("conversation-messages/paging", page, messages);
            default:
                var huge = random.Chance(0.3);
                var body = huge ? "{\"" + random.Letters(2 << 20) + "\":1}" : random.Pick(["{\"model\":\"speed\",\"temperature\":0.5}", "{\"messages\":[]}"]);
                return FuzzCase.Invalid("conversation-create/unknown-member", huge ? "a 2 MB member name" : body, ClientRequest.Json(prefix + "conversations", Encoding.UTF8.GetBytes(body)));
        }
    }

    private static FuzzCase OnId(FuzzRandom random, string prefix, string kind, string id) => random.Next(4) switch
    {
        0 => FuzzCase.Invalid($"conversation-get/{kind}", id, ClientRequest.Get($"{prefix}conversations/{id}")),
        1 => FuzzCase.Invalid($"conversation-messages/{kind}", id, ClientRequest.Get($"{prefix}conversations/{id}/messages")),
        2 => FuzzCase.Invalid($"conversation-delete/{kind}", id, new ClientRequest(HttpMethod.Delete, $"{prefix}conversations/{id}")),
        _ => FuzzCase.Invalid(
            $"conversation-message/{kind}",
            id,
            ClientRequest.Json($"{prefix}conversations/{id}/messages", """{"content":"Hi there.","max_tokens":16}"""u8.ToArray())),
    };
}
