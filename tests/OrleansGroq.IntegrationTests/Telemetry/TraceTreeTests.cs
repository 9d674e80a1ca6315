using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Silo.Telemetry;

namespace OrleansGroq.IntegrationTests.Telemetry;

/// <summary>One chat request's trace: the front end, the pipeline stages, the grain calls and the upstream attempt as one tree.</summary>
public sealed class TraceTreeTests
{
    private static readonly TestKey Key = new("trace-a", "org_trace_a", "gsk_test_trace_account_a");

    [Fact]
    public async Task A_chat_turn_is_one_tree_from_the_front_end_through_the_grain_calls_to_the_upstream_server()
    {
        var spans = new List<Activity>();
        await using var upstream = await TestUpstream.StartAsync(
            [Key],
            gatewayServices: services => services.AddOpenTelemetry().WithTracing(tracing => tracing
                .AddSource(GatewayTelemetry.TraceSources)
                .AddSource("Microsoft.AspNetCore")
                .AddInMemoryExporter(spans)));
        var conversation = await new ConversationClient(upstream.Gateway.Http).CreateAsync("""{"model":"speed"}""");
        using var request = ChatBodies.Post(ChatBodies.Simple("speed"));
        request.Headers.Add("x-conversation-id", conversation);

        using var response = await upstream.Gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requestId = response.Header("x-request-id");
        Activity? frontEnd = null;
        await Polling.UntilAsync(
            () =>
            {
                lock (spans)
                {
                    frontEnd = spans.FirstOrDefault(s => s.Source.Name == GatewayTelemetry.Name && (string?)s.GetTagItem("orleansgroq.request_id") == requestId);
                }

                return frontEnd is not null;
            },
            "the request's front-end span ended");
        List<Activity> trace;
        lock (spans)
        {
            trace = spans.Where(s => s.TraceId == frontEnd!.TraceId).ToList();
        }

        // One tree: every span but the root has its parent in the trace.
        var ids = trace.Select(s => s.SpanId).ToHashSet();
        Assert.Single(trace, s => !ids.Contains(s.ParentSpanId));
        Assert.Equal("POST /openai/v1/chat/completions", frontEnd!.DisplayName);
        Assert.Equal(conversation, frontEnd.GetTagItem("gen_ai.conversation.id"));
        var cascade = Assert.Single(trace, s => s.DisplayName == "orleansgroq.cascade");
        Assert.True(IsUnder(cascade, frontEnd, trace));
        var attempt = Assert.Single(trace, s => s.DisplayName == "chat llama-3.1-8b-instant");
        Assert.Equal(ActivityKind.Client, attempt.Kind);
        Assert.Equal(cascade.SpanId, attempt.ParentSpanId);
        Assert.Equal("groq", attempt.GetTagItem("gen_ai.provider.name"));
        Assert.Equal(conversation, attempt.GetTagItem("gen_ai.conversation.id"));
        var usage = upstream.Emulator.Control.GetStats().Totals;
        Assert.Equal(usage.PromptTokens, attempt.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(usage.CompletionTokens, attempt.GetTagItem("gen_ai.usage.output_tokens"));
        foreach (var call in new[] { "IConversationGrain/BeginTurnAsync", "IConversationGrain/CompleteTurnAsync" })
        {
            var grainCall = Assert.Single(trace, s => s.DisplayName.StartsWith("orleans ", StringComparison.Ordinal) && s.DisplayName.EndsWith(call, StringComparison.Ordinal));
            Assert.True(IsUnder(grainCall, frontEnd, trace), call);
        }

        // The upstream (the emulator, in this process) continued the trace from the traceparent the attempt sent.
        var upstreamServer = Assert.Single(trace, s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server && IsUnder(s, attempt, trace));
        Assert.Equal(ActivityKind.Client, trace.Single(s => s.SpanId == upstreamServer.ParentSpanId).Kind);
    }

    private static bool IsUnder(Activity span, Activity ancestor, List<Activity> trace)
    {
        for (var current = span; current is not null; current = trace.FirstOrDefault(s => s.SpanId == current.ParentSpanId))
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }
}
