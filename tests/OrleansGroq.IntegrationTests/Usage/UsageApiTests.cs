using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Usage;

/// <summary><c>GET /admin/usage</c> as the console reads it: its exact shape, its parameters, and the admin rules.</summary>
public sealed class UsageApiTests : IAsyncLifetime
{
    private static readonly TestKey Key = new("usage-api", "org_usage_api", "gsk_test_usage_api_key");
    private TestUpstream _upstream = null!;

    public async Task InitializeAsync() => _upstream = await TestUpstream.StartAsync([Key]);

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task The_body_is_snake_case_with_the_span_echoed_in_utc()
    {
        using var response = await _upstream.Gateway.Http.GetAsync("admin/usage?tenant=nobody&from=2026-12-02T01:00:00%2B01:00&to=2026-12-02T08:00:00Z&group_by=model");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("""{"group_by":"model","from":"2026-12-02T00:00:00Z","to":"2026-12-02T08:00:00Z","rows":[]}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Empty_parameters_mean_none_given_and_the_default_is_the_last_day_by_model()
    {
        using var response = await _upstream.Gateway.Http.GetAsync("admin/usage?tenant=&model=&from=&to=&group_by=");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("model", root.GetProperty("group_by").GetString());
        Assert.Equal(TimeSpan.FromDays(1), root.GetProperty("to").GetDateTimeOffset() - root.GetProperty("from").GetDateTimeOffset());
        Assert.InRange(DateTimeOffset.UtcNow - root.GetProperty("to").GetDateTimeOffset(), TimeSpan.Zero, TimeSpan.FromMinutes(1));
    }

    [Theory]
    [InlineData("group_by=week", "group_by", "invalid_value")]
    [InlineData("group_by=Model", "group_by", "invalid_value")]
    [InlineData("from=yesterday", "from", "invalid_value")]
    [InlineData("to=2026-13-45T00:00:00Z", "to", "invalid_value")]
    [InlineData("from=2026-12-02T08:00:00Z&to=2026-12-02T08:00:00Z", "from", "invalid_value")]
    [InlineData("tenant=a&tenant=b", "tenant", "duplicate_parameter")]
    [InlineData("grouping=model", "grouping", "unknown_parameter")]
    public async Task A_bad_parameter_is_an_openai_shaped_400_naming_it(string query, string param, string code)
    {
        using var response = await _upstream.Gateway.Http.GetAsync("admin/usage?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.ErrorAsync();
        Assert.Equal(("invalid_request_error", param, code), (error.GetProperty("type").GetString(), error.GetProperty("param").GetString(), error.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task With_an_admin_token_configured_usage_and_model_statistics_need_it()
    {
        const string token = "og-admin-token-for-the-usage-tests";
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        await using var upstream = await TestUpstream.StartAsync([Key], new Dictionary<string, string> { ["Gateway:Admin:TokenSha256"] = digest });

        foreach (var path in new[] { "admin/usage", "admin/models" })
        {
            using var refused = await upstream.Gateway.Http.GetAsync(path);
            using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
            using var admitted = await upstream.Gateway.Http.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("invalid_api_key", (await refused.ErrorAsync()).GetProperty("code").GetString());
            Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        }
    }
}
