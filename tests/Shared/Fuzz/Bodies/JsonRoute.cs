using System.Text;

namespace OrleansGroq.Testing.Fuzz.Bodies;

/// <summary>A route taking a JSON body: its paths under both prefixes, a valid body, and its documented fields.</summary>
internal sealed record JsonRoute(string Name, IReadOnlyList<string> Paths, string ValidBody, IReadOnlyList<JsonSlot> Slots)
{
    public byte[] ValidBytes() => Encoding.UTF8.GetBytes(ValidBody);

    /// <summary>A POST of <paramref name="body"/> to one of the route's paths (and, for a conversation's route, any conversation).</summary>
    public ClientRequest Post(FuzzRandom random, byte[] body, string? contentType = "application/json") =>
        new(HttpMethod.Post, random.Pick(Paths)) { Body = body, ContentType = contentType, Conversation = random.AnyConversation() };
}
