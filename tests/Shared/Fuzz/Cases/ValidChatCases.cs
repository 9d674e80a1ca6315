using System.Text;
using OrleansGroq.Testing.Fuzz.Bodies;

namespace OrleansGroq.Testing.Fuzz.Cases;

/// <summary>
/// Chat completions a client may send and Groq answers: documented fields at valid values and as null, tools, JSON
/// mode, reasoning options, content parts, text beyond ASCII, streams, no Content-Type at all, chunked framing.
/// </summary>
internal sealed class ValidChatCases : IFuzzCases
{
    private static readonly (string Name, string Body)[] Bodies =
    [
        ("plain", JsonRoutes.Chat.ValidBody),
        ("alias", """{"model":"speed","max_tokens":16,"messages":[{"role":"user","content":"Say hello."}]}"""),
        ("stream", JsonRoutes.ChatWith("""{"stream":true}""")),
        ("stream-usage", JsonRoutes.ChatWith("""{"stream":true,"stream_options":{"include_usage":true}}""")),
        ("options", JsonRoutes.ChatWith("""{"temperature":0.7,"top_p":0.9,"stop":["END"],"seed":7,"n":1,"user":"fuzz","frequency_penalty":0.5,"presence_penalty":0.5}""")),
        ("nulls", JsonRoutes.ChatWith("""{"temperature":null,"top_p":null,"stop":null,"user":null,"seed":null,"response_format":null,"tools":null}""")),
        ("max-completion-tokens", """{"model":"llama-3.1-8b-instant","max_completion_tokens":16,"messages":[{"role":"user","content":"Say hello."}]}"""),
        ("tools", JsonRoutes.ChatWith("""{"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],"tool_choice":"auto","parallel_tool_calls":true}""")),
        ("tool-exchange", JsonRoutes.ToolExchangeBody),
        ("json-mode", """{"model":"llama-3.1-8b-instant","max_tokens":256,"response_format":{"type":"json_object"},"messages":[{"role":"system","content":"Reply in JSON."},{"role":"user","content":"Give me a greeting as JSON."}]}"""),
        ("reasoning", $$"""{"model":"{{FuzzUpstream.ReasoningModel}}","max_tokens":64,"reasoning_effort":"low","reasoning_format":"parsed","messages":[{"role":"user","content":"Say hello."}]}"""),
        ("four-messages", """{"model":"llama-3.1-8b-instant","max_tokens":16,"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello."},{"role":"user","content":"Again?"}]}"""),
        ("content-parts", """{"model":"llama-3.1-8b-instant","max_tokens":16,"messages":[{"role":"user","content":[{"type":"text","text":"Say hello."}]}]}"""),
        ("unicode", """{"model":"llama-3.1-8b-instant","max_tokens":16,"messages":[{"role":"user","content":"Grüß dich ✓ 😀 \ud83d\ude00 日本"}]}"""),
    ];

    public FuzzCase Next(FuzzRandom random)
    {
        var path = random.Pick(JsonRoutes.Chat.Paths);
        switch (random.Next(8))
        {
            case 0:
                return FuzzCase.Valid("valid/chat/no-content-type", "no Content-Type header", ClientRequest.Json(path, JsonRoutes.Chat.ValidBytes(), contentType: null));
            case 1:
                return FuzzCase.Valid("valid/chat/charset", "application/json; charset=utf-8", ClientRequest.Json(path, JsonRoutes.Chat.ValidBytes(), "application/json; charset=utf-8"));
            case 2:
                var body = JsonRoutes.Chat.ValidBytes();
                var half = body.Length / 2;
                byte[] chunked = [.. Chunk(body.AsSpan(0, half)), .. Chunk(body.AsSpan(half)), .. "0\r\n\r\n"u8];
                var raw = RawRequest.Of([$"POST /{path} HTTP/1.1", "Content-Type: application/json", "Transfer-Encoding: chunked"], chunked);
                return FuzzCase.Valid("valid/chat/chunked", "two chunks", raw);
            default:
                var (name, json) = random.Pick(Bodies);
                return FuzzCase.Valid("valid/chat/" + name, name, ClientRequest.Json(path, Encoding.UTF8.GetBytes(json)));
        }
    }

    private static byte[] Chunk(ReadOnlySpan<byte> data) =>
        [.. Encoding.ASCII.GetBytes(data.Length.ToString("X", System.Globalization.CultureInfo.InvariantCulture) + "\r\n"), .. data, .. "\r\n"u8];
}
