using System.Net;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;
using static OrleansGroq.IntegrationTests.FailureMatrix.MatrixModels;

namespace OrleansGroq.IntegrationTests.FailureMatrix;

/// <summary>The router as a client sees it: which model answered, why, and what is refused before Groq is asked.</summary>
public sealed class RoutingOverHttpTests
{
    private static readonly TestKey A = new("route-a", "org_route_a", "gsk_test_matrix_routing_account_a");

    private const string ImageBody =
        """{"model":"auto","max_tokens":16,"messages":[{"role":"user","content":[{"type":"text","text":"What is in this picture?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]}]}""";

    private const string JsonBody =
        """{"model":"auto","max_tokens":256,"response_format":{"type":"json_object"},"messages":[{"role":"user","content":"Reply with a JSON object."}]}""";

    private const string CompoundToolsBody =
        """{"model":"groq/compound","max_tokens":16,"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{}}}}],"messages":[{"role":"user","content":"Weather in Pune?"}]}""";

    [Theory]
    [InlineData("speed", Speed, "alias:speed")]
    [InlineData("quality", Quality, "alias:quality")]
    [InlineData("vision", Vision, "alias:vision")]
    [InlineData("reasoning", "openai/gpt-oss-120b", "alias:reasoning")]
    [InlineData("auto", Speed, "auto:default")]
    [InlineData(Quality, Quality, "explicit")]
    public async Task Aliases_auto_and_ids_are_answered_by_their_model(string requested, string model, string reason)
    {
        await using var upstream = await TestUpstream.StartAsync([A]);

        using var response = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(requested)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(model, response.Header("x-orleansgroq-model"));
        Assert.Equal(reason, response.Header("x-orleansgroq-route"));
        Assert.Equal(1, upstream.Emulator.Control.GetStats().For(A.Alias, model).Served);
    }

    [Fact]
    public async Task Auto_with_an_image_goes_to_the_vision_model()
    {
        await using var upstream = await TestUpstream.StartAsync([A]);

        using var response = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ImageBody));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Vision, response.Header("x-orleansgroq-model"));
        Assert.Equal("auto:vision", response.Header("x-orleansgroq-route"));
        Assert.Equal(1, upstream.Emulator.Control.GetStats().For(A.Alias, Vision).Served);
    }

    [Fact]
    public async Task A_cost_sensitive_auto_request_goes_to_the_8b()
    {
        await using var upstream = await TestUpstream.StartAsync([A]);
        var cheap = ChatBodies.Post(JsonBody);
        cheap.Headers.Add("x-orleansgroq-cost-sensitive", "true");

        using var plain = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(JsonBody));
        using var response = await upstream.Gateway.Http.SendAsync(cheap);

        Assert.Equal(Quality, plain.Header("x-orleansgroq-model"));
        Assert.Equal("auto:tools_json", plain.Header("x-orleansgroq-route"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Speed, response.Header("x-orleansgroq-model"));
        Assert.Equal("auto:cost", response.Header("x-orleansgroq-route"));
    }

    [Fact]
    public async Task A_compound_model_with_tools_is_a_400_and_nothing_goes_upstream()
    {
        await using var upstream = await TestUpstream.StartAsync([A]);

        using var response = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(CompoundToolsBody));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.ErrorAsync();
        Assert.Equal("tools_not_supported", error.GetProperty("code").GetString());
        Assert.Equal("tools", error.GetProperty("param").GetString());
        Assert.Equal(0, upstream.Emulator.Control.GetStats().Totals.Requests);
    }

    [Theory]
    [InlineData("telepathy")]
    [InlineData("tools,,vision,psychic")]
    public async Task A_bad_needs_header_is_a_400_and_nothing_goes_upstream(string needs)
    {
        await using var upstream = await TestUpstream.StartAsync([A]);
        var request = ChatBodies.Post(ChatBodies.Simple("auto"));
        request.Headers.Add("x-orleansgroq-needs", needs);

        using var response = await upstream.Gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.ErrorAsync();
        Assert.Equal("invalid_header", error.GetProperty("code").GetString());
        Assert.Contains("x-orleansgroq-needs", error.GetProperty("message").GetString()!, StringComparison.Ordinal);
        Assert.Equal(0, upstream.Emulator.Control.GetStats().Totals.Requests);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("configured")]
    [InlineData("allowed")]
    public async Task An_explicit_model_gets_a_fallback_model_only_when_configuration_gives_it_one(string fallback)
    {
        var settings = fallback switch
        {
            "configured" => new Dictionary<string, string> { [$"Routing:Fallbacks:{Quality}"] = Speed },
            "allowed" => new Dictionary<string, string> { ["Routing:AllowFallbackForExplicitModels"] = "true" },
            _ => [],
        };
        await using var upstream = await TestUpstream.StartAsync([A], settings);
        upstream.Emulator.Control.Unlimit([A], Quality);
        upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Status500, Model = Quality });

        using var response = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(Quality)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (fallback == "none")
        {
            Assert.Equal("local", response.Header("x-orleansgroq-degraded"));
            Assert.Equal("", response.Header("x-orleansgroq-cascade"));
            Assert.Equal(4, response.Attempts());
            Assert.Equal(0, upstream.Emulator.Control.GetStats().For(A.Alias, Speed).Requests);
        }
        else
        {
            Assert.Equal("", response.Header("x-orleansgroq-degraded"));
            Assert.Equal(Speed, response.Header("x-orleansgroq-model"));
            Assert.Equal($"groq:{Quality}=server_error,groq:{Speed}=answer", response.Header("x-orleansgroq-cascade"));
        }
    }
}
