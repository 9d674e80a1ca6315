using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Npgsql;
using Orleans.Runtime;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Gateway;

/// <summary>Every error, wherever in the pipeline it arises, is JSON in OpenAI's shape and carries the request id.</summary>
public sealed class ErrorPipelineTests(ErrorPipelineGateway gateway) : IClassFixture<ErrorPipelineGateway>
{
    private const int BodyLimit = ErrorPipelineGateway.BodyLimit;
    private readonly TestUpstream _upstream = gateway.Upstream;

    private HttpClient Http => _upstream.Gateway.Http;

    // The gateway is shared, and some tests are served upstream: a refused request must leave this count as it found it.
    private long UpstreamRequests => _upstream.Emulator.Control.GetStats().Totals.Requests;

    [Theory]
    [InlineData("openai/v1/chat/completion", "POST /openai/v1/chat/completions")]
    [InlineData("chat/completions", "POST /openai/v1/chat/completions")]
    [InlineData("v1/chat/completoins", "POST /v1/chat/completions")]
    [InlineData("openai/v1/openai/v1/chat/completions", "POST /openai/v1/chat/completions (the prefix was given twice")]
    [InlineData("openai/v1/conversation/conv_01KFX2ZP4T7Q9V3M8N6B5C1D0E/messages", "POST /openai/v1/conversations/conv_01KFX2ZP4T7Q9V3M8N6B5C1D0E/messages")]
    public async Task An_unknown_route_gets_a_json_404_naming_the_route_meant(string path, string suggestion)
    {
        var upstreamBefore = UpstreamRequests;
        using var response = await Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(), path: path));

        var error = await AssertJsonErrorAsync(response, HttpStatusCode.NotFound, "unknown_url");
        Assert.Contains($"Did you mean {suggestion}", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(upstreamBefore, UpstreamRequests);
    }

    [Fact]
    public async Task An_unknown_route_far_from_any_gets_a_json_404_without_a_suggestion()
    {
        using var response = await Http.GetAsync("nothing/like/this/at/all");

        var error = await AssertJsonErrorAsync(response, HttpStatusCode.NotFound, "unknown_url");
        Assert.DoesNotContain("Did you mean", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_method_gets_a_json_405_with_allow()
    {
        using var response = await Http.GetAsync("openai/v1/chat/completions");

        await AssertJsonErrorAsync(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        Assert.Equal(["POST"], response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/xml")]
    public async Task A_json_route_refuses_another_content_type_with_a_json_415(string contentType)
    {
        var upstreamBefore = UpstreamRequests;
        using var request = new HttpRequestMessage(HttpMethod.Post, "openai/v1/chat/completions") { Content = new StringContent(ChatBodies.Simple()) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        using var response = await Http.SendAsync(request);

        await AssertJsonErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        Assert.Equal(upstreamBefore, UpstreamRequests);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/vnd.example+json")]
    public async Task A_json_route_takes_json_or_no_content_type(string? contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(ChatBodies.Simple())) };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_a_json_413_with_the_request_id()
    {
        using var response = await Http.SendAsync(ChatBodies.Post(ChatBodies.Simple().Replace("Say hello.", new string('x', 2 * BodyLimit), StringComparison.Ordinal)));

        await AssertJsonErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "request_too_large");
    }

    [Theory]
    [InlineData("openai/v1")]
    [InlineData("v1")]
    public async Task Conversations_are_served_under_both_prefixes(string prefix)
    {
        var conversations = new ConversationClient(Http);

        using var created = await conversations.SendAsync(HttpMethod.Post, $"{prefix}/conversations", """{"model":"llama-3.1-8b-instant"}""");
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        using var turn = await conversations.SendAsync(HttpMethod.Post, $"{prefix}/conversations/{id}/messages", """{"content":"Hello!","max_tokens":8}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith($"/{prefix}/conversations/conv_", created.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, turn.StatusCode);
    }

    [Fact]
    public async Task A_chunk_size_overflowing_an_int_gets_a_json_400_and_no_upstream_call()
    {
        var upstreamBefore = UpstreamRequests;
        var answer = await RawHttp.SendAsync(
            _upstream.Gateway.BaseAddress,
            "POST /openai/v1/chat/completions HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
            "80000000\r\n{\"model\":");

        Assert.Equal(400, answer.StatusCode);
        Assert.StartsWith("application/json", answer.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.NotEmpty(answer.Headers["x-request-id"]);
        using var json = JsonDocument.Parse(answer.Body);
        Assert.Equal("bad_request", json.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(upstreamBefore, UpstreamRequests);
    }

    [Fact]
    public async Task A_query_that_does_not_bind_gets_a_json_400()
    {
        using var response = await Http.GetAsync("admin/runtime?collect=maybe");

        await AssertJsonErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_parameter");
    }

    [Fact]
    public async Task A_full_collection_is_a_post()
    {
        using var collect = await Http.PostAsync("admin/runtime/collect", content: null);
        using var asGet = await Http.GetAsync("admin/runtime/collect");

        Assert.Equal(HttpStatusCode.OK, collect.StatusCode);
        Assert.True(JsonDocument.Parse(await collect.Content.ReadAsStringAsync()).RootElement.GetProperty("working_set_bytes").GetInt64() > 0);
        await AssertJsonErrorAsync(asGet, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task An_unhandled_exception_gets_a_json_500_whose_request_id_is_in_the_message()
    {
        await using var gateway = await GatewayHost.StartAsync(
            ClosedPort.Upstream(), [new TestKey("k1", "org_errors", "gsk_test_error_pipeline_key")], mapTestRoutes: app => app.MapGet("/test/throws", (HttpContext _) => throw new InvalidOperationException("a bug")));

        using var response = await gateway.Http.GetAsync("test/throws");

        var error = await AssertJsonErrorAsync(response, HttpStatusCode.InternalServerError, "internal_error");
        Assert.Contains(response.Header("x-request-id"), error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("a bug", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grain_call_failed_by_an_unavailable_silo_gets_a_json_503_with_retry_after()
    {
        var failures = new Dictionary<string, Exception>
        {
            ["silo-unavailable"] = new SiloUnavailableException("The target silo became unavailable for message: Request S127.0.0.1:11111:1 apikey/k1"),

            // Only Orleans makes these.
            ["message-rejected"] = (Exception)Activator.CreateInstance(
                typeof(OrleansMessageRejectionException), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance, null, ["Target silo S127.0.0.1:11111:1 is unavailable."], null)!,
            ["response-timeout"] = new TimeoutException("Response did not arrive on time in 00:00:30 for message: Request S127.0.0.1:11111:1 apikey/k1"),
            ["connection-failed"] = new Orleans.Runtime.Messaging.ConnectionFailedException("Unable to connect to endpoint S127.0.0.1:11111:1."),
            ["enumeration-aborted"] = new EnumerationAbortedException("The remote target enumerator was disposed."),
            ["wrapped"] = new InvalidOperationException("A turn failed.", new SiloUnavailableException("The target silo became unavailable.")),
        };
        await using var gateway = await GatewayHost.StartAsync(
            ClosedPort.Upstream(),
            [new TestKey("k1", "org_errors", "gsk_test_error_pipeline_key")],
            mapTestRoutes: app => app.MapGet("/test/silo-died/{failure}", (HttpContext context) => throw failures[(string)context.Request.RouteValues["failure"]!]));

        foreach (var failure in failures.Keys)
        {
            using var response = await gateway.Http.GetAsync($"test/silo-died/{failure}");

            var body = await AssertJsonErrorAsync(response, HttpStatusCode.ServiceUnavailable, "cluster_unavailable");
            Assert.Equal("server_error", body.GetProperty("type").GetString());
            Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
            Assert.DoesNotContain("S127.0.0.1", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_transient_database_failure_gets_a_json_503_with_retry_after_and_any_other_stays_a_500()
    {
        var failures = new Dictionary<string, Exception>
        {
            ["too-many-clients"] = new PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300"),
            ["refused"] = new InvalidOperationException("A turn failed.", new NpgsqlException("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException(111))),
            ["unique-violation"] = new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505"),
        };
        await using var gateway = await GatewayHost.StartAsync(
            ClosedPort.Upstream(),
            [new TestKey("k1", "org_errors", "gsk_test_error_pipeline_key")],
            mapTestRoutes: app => app.MapGet("/test/database/{failure}", (HttpContext context) => throw failures[(string)context.Request.RouteValues["failure"]!]));

        foreach (var failure in new[] { "too-many-clients", "refused" })
        {
            using var response = await gateway.Http.GetAsync($"test/database/{failure}");

            var body = await AssertJsonErrorAsync(response, HttpStatusCode.ServiceUnavailable, "storage_unavailable");
            Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
            Assert.DoesNotContain("127.0.0.1", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        using var bug = await gateway.Http.GetAsync("test/database/unique-violation");
        await AssertJsonErrorAsync(bug, HttpStatusCode.InternalServerError, "internal_error");
    }

    [Fact]
    public async Task An_http_client_timeout_that_escapes_is_no_silos_fault_and_stays_a_500()
    {
        await using var gateway = await GatewayHost.StartAsync(
            ClosedPort.Upstream(),
            [new TestKey("k1", "org_errors", "gsk_test_error_pipeline_key")],
            mapTestRoutes: app => app.MapGet("/test/client-timeout", (HttpContext _) => throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.", new TimeoutException())));

        using var response = await gateway.Http.GetAsync("test/client-timeout");

        await AssertJsonErrorAsync(response, HttpStatusCode.InternalServerError, "internal_error");
    }

    private static async Task<JsonElement> AssertJsonErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(response.Header("x-request-id"));
        var error = await response.ErrorAsync();
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        return error;
    }
}
