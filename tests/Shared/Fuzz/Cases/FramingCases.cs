using System.Globalization;
using OrleansGroq.Testing.Fuzz.Bodies;

namespace OrleansGroq.Testing.Fuzz.Cases;

/// <summary>
/// Valid JSON bodies in broken HTTP/1.1 framing, over raw sockets: chunk sizes that are not hex, overflow, are
/// negative or lie, a missing last chunk, and a Content-Length that says more or less than was sent (fewer bytes
/// than announced, then the client closes its side). The server parses the headers fine and finds the fault only
/// while the gateway reads the body, so the gateway answers.
/// </summary>
internal sealed class FramingCases : IFuzzCases
{
    private static readonly JsonRoute[] Routes = [JsonRoutes.Chat, JsonRoutes.Extract, JsonRoutes.ConversationCreate];

    public FuzzCase Next(FuzzRandom random)
    {
        var route = random.Pick(Routes);
        var path = "/" + random.Pick(route.Paths);
        var body = route.ValidBytes();
        var size = body.Length.ToString("X", CultureInfo.InvariantCulture);
        switch (random.Next(8))
        {
            case 0:
                return Chunked(route, "bad-chunk-size", "zz", path, [.. "zz\r\n"u8, .. body, .. "\r\n0\r\n\r\n"u8]);
            case 1:
                var overflow = random.Pick(["FFFFFFFFFFFFFFFFFFFF", "10000000000000000", "7FFFFFFFFFFFFFFF"]);
                return Chunked(route, "chunk-size-overflow", overflow, path, [.. Ascii(overflow + "\r\n"), .. body, .. "\r\n0\r\n\r\n"u8]);
            case 2:
                return Chunked(route, "negative-chunk-size", "-5", path, [.. "-5\r\n"u8, .. body, .. "\r\n0\r\n\r\n"u8]);
            case 3:
                var longer = (body.Length + 100).ToString("X", CultureInfo.InvariantCulture);
                return Abandoned(route, "chunk-longer-than-data", longer, path, "Transfer-Encoding: chunked", [.. Ascii(longer + "\r\n"), .. body]);
            case 4:
                var shorter = (body.Length / 2).ToString("X", CultureInfo.InvariantCulture);
                return Chunked(route, "chunk-shorter-than-data", shorter, path, [.. Ascii(shorter + "\r\n"), .. body, .. "\r\n0\r\n\r\n"u8]);
            case 5:
                return Abandoned(route, "no-last-chunk", size, path, "Transfer-Encoding: chunked", [.. Ascii(size + "\r\n"), .. body, .. "\r\n"u8]);
            case 6:
                var declared = body.Length + random.Next(1, 5000);
                return Abandoned(route, "content-length-too-long", $"Content-Length: {declared} for {body.Length} bytes", path, $"Content-Length: {declared}", body);
            default:
                var cut = random.Next(1, body.Length);
                return FuzzCase.Invalid(
                    $"{route.Name}/framing/content-length-too-short",
                    $"Content-Length: {cut} for {body.Length} bytes",
                    RawRequest.Of([$"POST {path} HTTP/1.1", "Content-Type: application/json", $"Content-Length: {cut}"], body));
        }
    }

    private static FuzzCase Chunked(JsonRoute route, string kind, string detail, string path, byte[] framed) =>
        FuzzCase.Invalid(
            $"{route.Name}/framing/{kind}",
            detail,
            RawRequest.Of([$"POST {path} HTTP/1.1", "Content-Type: application/json", "Transfer-Encoding: chunked"], framed));

    /// <summary>Fewer bytes than the framing announces, then the sending side closed.</summary>
    private static FuzzCase Abandoned(JsonRoute route, string kind, string detail, string path, string framing, byte[] sent) =>
        FuzzCase.Abandoned(
            $"{route.Name}/framing/{kind}",
            detail,
            RawRequest.Of([$"POST {path} HTTP/1.1", "Content-Type: application/json", framing], sent, endsEarly: true));

    private static byte[] Ascii(string text) => System.Text.Encoding.ASCII.GetBytes(text);
}
