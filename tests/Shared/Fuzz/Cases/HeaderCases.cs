using System.Text;
using OrleansGroq.Testing.Fuzz.Bodies;

namespace OrleansGroq.Testing.Fuzz.Cases;

/// <summary>
/// Valid bodies sent with what a browser or a careless client adds: a content type that is not JSON (what a web page
/// can send without asking), a form post, a cross-site origin, and gateway headers with values they do not take.
/// </summary>
internal sealed class HeaderCases : IFuzzCases
{
    private static readonly string[] NotJson =
    [
        "text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml",
        "application/octet-stream", "image/png", "garbage",
    ];

    private static readonly KeyValuePair<string, string>[] CrossSite =
    [
        new("Origin", "https://evil.example"),
        new("Origin", "null"),
        new("Sec-Fetch-Site", "cross-site"),
    ];

    private static readonly KeyValuePair<string, string>[] BadGatewayHeaders =
    [
        new("x-orleansgroq-priority", "urgent"),
        new("x-orleansgroq-max-wait-ms", "-1"),
        new("x-orleansgroq-max-wait-ms", "abc"),
        new("x-orleansgroq-max-wait-ms", "99999999999"),
        new("x-orleansgroq-max-latency-ms", "0"),
        new("x-orleansgroq-max-latency-ms", "soon"),
        new("x-orleansgroq-needs", "teleportation"),
        new("x-orleansgroq-cost-sensitive", "maybe"),
        new("x-orleansgroq-degraded", "sometimes"),
        new("x-conversation-id", "conv_nope"),
    ];

    private static readonly string[] AdminPaths = ["admin/keys", "admin/runtime", "admin/quotas"];

    public FuzzCase Next(FuzzRandom random)
    {
        var route = random.Pick(JsonRoutes.All);
        switch (random.Next(5))
        {
            case 0:
                var type = random.Pick(NotJson);
                return FuzzCase.Invalid($"{route.Name}/content-type", type, route.Post(random, route.ValidBytes(), type));
            case 1:
                var form = "model=" + FuzzUpstream.ChatModel + "&messages=Say+hello";
                var post = ClientRequest.Json(random.Pick(JsonRoutes.Chat.Paths), Encoding.UTF8.GetBytes(form), "application/x-www-form-urlencoded");
                return FuzzCase.Invalid("chat/form-post", form, random.Chance(0.5) ? post : post.WithHeader(CrossSite[0]));
            case 2:
                var origin = random.Pick(CrossSite);
                var simple = random.Chance(0.5);
                var request = route.Post(random, route.ValidBytes(), simple ? "text/plain" : "application/json");
                return FuzzCase.Invalid($"{route.Name}/cross-site", $"{origin.Key}: {origin.Value}{(simple ? ", text/plain" : "")}", request.WithHeader(origin));
            case 3:
                var header = random.Pick(CrossSite);
                var admin = random.Pick(AdminPaths);
                return FuzzCase.Invalid("admin/cross-site", $"GET /{admin} {header.Key}: {header.Value}", ClientRequest.Get(admin).WithHeader(header));
            default:
                var bad = random.Pick(BadGatewayHeaders);
                return FuzzCase.Invalid("chat/gateway-header", $"{bad.Key}: {bad.Value}", JsonRoutes.Chat.Post(random, JsonRoutes.Chat.ValidBytes()).WithHeader(bad));
        }
    }
}
