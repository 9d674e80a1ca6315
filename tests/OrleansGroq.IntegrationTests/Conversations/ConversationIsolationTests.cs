using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Conversations;

/// <summary>Tenant isolation and bad input: every refusal is a clear 4xx and nothing stored changes.</summary>
public sealed class ConversationIsolationTests : IAsyncLifetime
{
    private const string AcmeToken = "og-test-token-acme";
    private const string GlobexToken = "og-test-token-globex";
    private TestUpstream _upstream = null!;
    private ConversationClient _acme = null!;
    private ConversationClient _globex = null!;

    public async Task InitializeAsync()
    {
        _upstream = await TestUpstream.StartAsync([new TestKey("k1", "org_iso", "gsk_test_isolation_key")], new Dictionary<string, string>
        {
            ["Gateway:Auth:Tokens:0:Tenant"] = "acme",
            ["Gateway:Auth:Tokens:0:Sha256"] = Sha256(AcmeToken),
            ["Gateway:Auth:Tokens:1:Tenant"] = "globex",
            ["Gateway:Auth:Tokens:1:Sha256"] = Sha256(GlobexToken),
        });
        _acme = new ConversationClient(_upstream.Gateway.Http, AcmeToken);
        _globex = new ConversationClient(_upstream.Gateway.Http, GlobexToken);
    }

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task Another_tenant_cannot_read_append_list_or_delete_and_gets_404_not_403()
    {
        var id = await _acme.CreateAsync();
        using var _ = await _acme.SayAsync(id, "secret plans");

        using var read = await _globex.SendAsync(HttpMethod.Get, $"v1/conversations/{id}");
        using var page = await _globex.SendAsync(HttpMethod.Get, $"v1/conversations/{id}/messages");
        using var append = await _globex.SayAsync(id, "let me in");
        using var delete = await _globex.SendAsync(HttpMethod.Delete, $"v1/conversations/{id}");
        using var viaHeader = await _globex.SendAsync(
            HttpMethod.Post, "openai/v1/chat/completions", ChatBodies.Simple(), new Dictionary<string, string> { ["x-conversation-id"] = id });
        using var list = await _globex.SendAsync(HttpMethod.Get, "v1/conversations");

        Assert.All([read, page, append, delete, viaHeader], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        using var listJson = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        Assert.Equal(0, listJson.RootElement.GetProperty("data").GetArrayLength());
        var conversation = await _acme.GetAsync(id);
        Assert.Equal(1, conversation.GetProperty("version").GetInt64());
        Assert.Equal(2, conversation.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task The_owner_lists_pages_and_deletes()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await _acme.CreateAsync());
        }

        using var first = await _acme.SendAsync(HttpMethod.Get, "v1/conversations?limit=2");
        using var firstJson = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        var lastId = firstJson.RootElement.GetProperty("last_id").GetString();
        using var rest = await _acme.SendAsync(HttpMethod.Get, $"v1/conversations?after={lastId}&limit=2");
        using var restJson = JsonDocument.Parse(await rest.Content.ReadAsStringAsync());
        using var deleted = await _acme.SendAsync(HttpMethod.Delete, $"v1/conversations/{ids[0]}");
        using var gone = await _acme.SendAsync(HttpMethod.Get, $"v1/conversations/{ids[0]}");
        using var appendToDeleted = await _acme.SayAsync(ids[0], "hello?");

        var listed = firstJson.RootElement.GetProperty("data").EnumerateArray().Concat(restJson.RootElement.GetProperty("data").EnumerateArray())
            .Select(c => c.GetProperty("id").GetString()!).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), listed);
        Assert.True(firstJson.RootElement.GetProperty("has_more").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, appendToDeleted.StatusCode);
        Assert.Equal(0, _upstream.Emulator.Control.GetStats().Totals.Requests);
    }

    [Theory]
    [InlineData("""{"role":"user"}""", "content")]
    [InlineData("""{"role":"user","content":""}""", "content")]
    [InlineData("""{"role":"user","content":[]}""", "content")]
    [InlineData("""{"role":"user","content":42}""", "content")]
    [InlineData("""{"role":"assistant","content":"I am the model now"}""", "role")]
    [InlineData("""{"role":"tool","content":"42"}""", "tool_call_id")]
    [InlineData("""{"content":"hi","max_tokens":0}""", "max_tokens")]
    [InlineData("""{"content":"hi","stream":"yes"}""", "stream")]
    [InlineData("""not json""", null)]
    public async Task A_bad_message_is_a_400_naming_the_field_and_stores_nothing(string body, string? param)
    {
        var id = await _acme.CreateAsync();

        using var response = await _acme.SendAsync(HttpMethod.Post, $"v1/conversations/{id}/messages", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(param, (await response.ErrorAsync()).GetProperty("param").GetString());
        Assert.Equal(0, (await _acme.GetAsync(id)).GetProperty("version").GetInt64());
        Assert.Equal(0, _upstream.Emulator.Control.GetStats().Totals.Requests);
    }

    [Theory]
    [InlineData("GET", "v1/conversations/not-a-conversation", 400, "invalid_conversation_id")]
    [InlineData("GET", "v1/conversations/conv_0123456789abcdefghjkmnpqrs", 404, "conversation_not_found")]
    [InlineData("DELETE", "v1/conversations/conv_0123456789abcdefghjkmnpqrs", 404, "conversation_not_found")]
    [InlineData("GET", "v1/conversations?limit=0", 400, "invalid_value")]
    [InlineData("GET", "v1/conversations?limit=1000", 400, "invalid_value")]
    [InlineData("GET", "v1/conversations?after=42", 400, "invalid_value")]
    [InlineData("POST", "v1/conversations", 400, "unknown_parameter", """{"modle":"speed"}""")]
    [InlineData("POST", "v1/conversations", 400, "invalid_type", """{"system":7}""")]
    [InlineData("POST", "v1/conversations", 404, "model_not_found", """{"model":"gpt-17"}""")]
    public async Task Bad_ids_paging_and_bodies_get_clear_4xx(string method, string path, int status, string code, string? body = null)
    {
        using var response = await _acme.SendAsync(new HttpMethod(method), path, body);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, (await response.ErrorAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Message_paging_out_of_range_is_a_400()
    {
        var id = await _acme.CreateAsync();

        using var negative = await _acme.SendAsync(HttpMethod.Get, $"v1/conversations/{id}/messages?after=-1");
        using var tooMany = await _acme.SendAsync(HttpMethod.Get, $"v1/conversations/{id}/messages?limit=101");

        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
    }

    private static string Sha256(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
