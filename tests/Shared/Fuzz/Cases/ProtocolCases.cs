using OrleansGroq.Testing.Fuzz.Bodies;

namespace OrleansGroq.Testing.Fuzz.Cases;

/// <summary>
/// HTTP the server cannot parse, over raw sockets: request lines that are not one (a NUL in the path among them; no
/// HTTP version at all is left out, as the server rightly answers that with a 505), header lines without a colon or
/// with control bytes, Content-Length values that are not a length or disagree, a transfer coding that is not
/// chunked, headers and URLs past the server's limits, no Host. The server refuses these before any route runs.
/// </summary>
internal sealed class ProtocolCases : IFuzzCases
{
    private static readonly string[] RequestLines =
    [
        "GARBAGE",
        "GET",
        "G@T /v1/models HTTP/1.1",
        "GET /v1/mo dels HTTP/1.1",
        "GET v1/models HTTP/1.1",
        "GET /v1/models/speed%00 HTTP/1.1",
    ];

    public FuzzCase Next(FuzzRandom random)
    {
        var chat = "/" + random.Pick(JsonRoutes.Chat.Paths);
        var body = JsonRoutes.Chat.ValidBytes();
        var length = $"Content-Length: {body.Length}";
        switch (random.Next(11))
        {
            case 0:
                var value = random.Pick(["abc", "-1", "1e3", "0x10", "12 34"]);
                return Case("content-length-not-a-number", value, [$"POST {chat} HTTP/1.1", "Content-Type: application/json", $"Content-Length: {value}"], body);
            case 1:
                return Case("content-length-twice", "two different values", [$"POST {chat} HTTP/1.1", "Content-Type: application/json", length, $"Content-Length: {body.Length + 7}"], body);
            case 2:
                var coding = random.Pick(["gzip", "chunked, gzip", "identity", "banana"]);
                return Case("transfer-encoding", coding, [$"POST {chat} HTTP/1.1", "Content-Type: application/json", $"Transfer-Encoding: {coding}", length], body);
            case 3:
                return Case("header-without-colon", "NoColonHere", [$"POST {chat} HTTP/1.1", "Content-Type: application/json", "NoColonHere", length], body);
            case 4:
                return Case("header-name-with-space", "Bad Name: x", [$"POST {chat} HTTP/1.1", "Bad Name: x", "Content-Type: application/json", length], body);
            case 5:
                var control = random.Pick(["\u0001", "\u0000", "\u007f", "\u001b"]);
                return Case("control-byte-in-header", $"0x{(int)control[0]:X2}", [$"POST {chat} HTTP/1.1", $"x-orleansgroq-priority: a{control}b", "Content-Type: application/json", length], body);
            case 6:
                var line = random.Pick(RequestLines);
                return Case("request-line", line, [line], []);
            case 7:
                var huge = random.Letters(random.Pick([40_000, 70_000]));
                return Case("huge-header", $"{huge.Length} byte value", [$"POST {chat} HTTP/1.1", "x-fuzz: " + huge, "Content-Type: application/json", length], body);
            case 8:
                var url = "/v1/models/" + random.Letters(random.Pick([9_000, 20_000]));
                return Case("huge-url", $"{url.Length} byte path", [$"GET {url} HTTP/1.1"], []);
            case 9:
                var many = Enumerable.Range(0, 150).Select(i => $"x-fuzz-{i}: {i}");
                return Case("too-many-headers", "150 headers", [$"POST {chat} HTTP/1.1", .. many, "Content-Type: application/json", length], body);
            default:
                return FuzzCase.Unparsable(
                    "http/missing-host",
                    "no Host header",
                    RawRequest.Of([$"POST {chat} HTTP/1.1", "Connection: close", "Content-Type: application/json", length], body, bare: true));
        }
    }

    private static FuzzCase Case(string kind, string detail, IEnumerable<string> head, byte[] body) =>
        FuzzCase.Unparsable($"http/{kind}", detail, RawRequest.Of(head, body));
}
