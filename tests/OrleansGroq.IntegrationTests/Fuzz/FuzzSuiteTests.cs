using System.Text;
using OrleansGroq.Testing.Fuzz;

namespace OrleansGroq.IntegrationTests.Fuzz;

/// <summary>The fuzz suite itself: a seed always makes the same cases, they reach every route, and the judge counts what it must.</summary>
public sealed class FuzzSuiteTests
{
    private const int Requests = 600;

    private static readonly string[] PublicRoutes =
    [
        "openai/v1/chat/completions", "v1/chat/completions", "openai/v1/models", "v1/models", "openai/v1/audio/transcriptions",
        "v1/audio/transcriptions", "openai/v1/extract", "v1/extract", "openai/v1/conversations", "v1/conversations",
        "health/live", "health/ready", "admin/keys", "admin/quotas", "admin/runtime", "admin/cluster",
    ];

    [Fact]
    public void A_seed_makes_the_same_cases_every_time()
    {
        var first = Fingerprints(7);
        var second = Fingerprints(7);
        var other = Fingerprints(8);

        Assert.Equal(Requests, first.Count);
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void The_cases_reach_every_public_route_under_both_prefixes_with_every_kind_of_request()
    {
        var cases = Cases(1);
        var paths = cases.Select(c => c.Request).OfType<ClientRequest>().Select(r => r.Path).ToList();

        var missed = PublicRoutes.Where(route => !paths.Any(p => p == route || p.StartsWith(route + "/", StringComparison.Ordinal) || p.StartsWith(route + "?", StringComparison.Ordinal)));
        Assert.Empty(missed);

        Assert.Contains(cases, c => c.Name == "route/unknown");
        Assert.Contains(cases, c => c.Name == "route/wrong-method");
        Assert.Contains(cases, c => c.Kind == FuzzCaseKind.Unparsable && c.Request is RawRequest);
        Assert.Contains(cases, c => c.Kind == FuzzCaseKind.Invalid && c.Request is RawRequest);
        Assert.Contains(cases, c => c.Kind == FuzzCaseKind.Abandoned);
        Assert.InRange(cases.Count(c => c.Kind == FuzzCaseKind.Valid), Requests / 10, Requests / 10);
    }

    [Fact]
    public void An_error_must_be_openai_json_with_a_request_id_unless_the_http_server_refused_the_request_itself()
    {
        var invalid = Case(FuzzCaseKind.Invalid);
        var unparsable = Case(FuzzCaseKind.Unparsable);
        var json = """{"error":{"message":"No.","type":"invalid_request_error","param":null,"code":"x"}}"""u8.ToArray();

        Assert.Empty(FuzzJudge.Judge(invalid, Answer(400, "req_1", json)));
        Assert.Equal([FuzzFailure.NonJsonError], FuzzJudge.Judge(invalid, Answer(404, "req_1", [])));
        Assert.Equal([FuzzFailure.NonJsonError], FuzzJudge.Judge(invalid, Answer(405, "req_1", """{"message":"No."}"""u8.ToArray())));
        Assert.Equal([FuzzFailure.ServerError, FuzzFailure.MissingRequestId], FuzzJudge.Judge(invalid, Answer(500, null, json)));
        Assert.Equal([FuzzFailure.InvalidAccepted], FuzzJudge.Judge(invalid, Answer(200, "req_1", "{}"u8.ToArray())));
        Assert.Equal([FuzzFailure.NoAnswer], FuzzJudge.Judge(invalid, FuzzAnswer.None("reset")));
        Assert.Empty(FuzzJudge.Judge(unparsable, Answer(431, null, [])));
        Assert.Equal([FuzzFailure.NonJsonError], FuzzJudge.Judge(unparsable, Answer(400, "req_1", [])));
        Assert.Empty(FuzzJudge.Judge(Case(FuzzCaseKind.Abandoned), FuzzAnswer.None("reset")));
    }

    [Fact]
    public void A_valid_request_counts_as_served_only_with_a_real_answer_and_a_complete_stream()
    {
        var valid = Case(FuzzCaseKind.Valid);
        var complete = "data: {\"choices\":[]}\n\ndata: [DONE]\n\n"u8.ToArray();
        var broken = "data: {\"choices\":[]}\n\nevent: error\ndata: {\"error\":{}}\n\ndata: [DONE]\n\n"u8.ToArray();

        Assert.Empty(FuzzJudge.Judge(valid, Answer(201, "req_1", "{}"u8.ToArray())));
        Assert.Empty(FuzzJudge.Judge(valid, Answer(200, "req_1", complete, "text/event-stream")));
        Assert.Contains(FuzzFailure.ValidFailed, FuzzJudge.Judge(valid, Answer(200, "req_1", broken, "text/event-stream")));
        Assert.Contains(FuzzFailure.ValidFailed, FuzzJudge.Judge(valid, Answer(200, "req_1", "data: {}\n\n"u8.ToArray(), "text/event-stream")));
        Assert.Contains(FuzzFailure.ValidFailed, FuzzJudge.Judge(valid, Answer(200, "req_1", "{}"u8.ToArray()) with { Degraded = true }));
        Assert.Contains(FuzzFailure.ValidFailed, FuzzJudge.Judge(valid, Answer(404, "req_1", """{"error":{"message":"No.","type":"x"}}"""u8.ToArray())));
    }

    [Fact]
    public void A_raw_answer_is_read_whatever_its_framing()
    {
        var chunked = RawAnswerReader.Read(Encoding.ASCII.GetBytes(
            "HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\nx-request-id: req_9\r\nx-orleansgroq-attempts: 2\r\n\r\n5\r\n{\"a\":\r\n2\r\n1}\r\n0\r\n\r\n"));
        var sized = RawAnswerReader.Read(Encoding.ASCII.GetBytes("HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        var none = RawAnswerReader.Read([]);

        Assert.Equal((400, "req_9", 2, "{\"a\":1}"), (chunked.Status, chunked.RequestId, chunked.Attempts, Encoding.ASCII.GetString(chunked.Body)));
        Assert.Equal((431, null, 0), (sized.Status, sized.RequestId, sized.Body.Length));
        Assert.False(none.Answered);
    }

    private static List<FuzzCase> Cases(int seed) => [.. FuzzPlan.Create(seed, Requests).SelectMany(b => b.Cases)];

    private static List<string> Fingerprints(int seed) =>
        [.. Cases(seed).Select(c => $"{c.Kind} {c.Name} {c.Detail} {(c.Request is ClientRequest r && r.Body is { } body ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(body)) : "")}")];

    private static FuzzCase Case(FuzzCaseKind kind) => new("test/case", "", kind, ClientRequest.Get("v1/models"));

    private static FuzzAnswer Answer(int status, string? requestId, byte[] body, string contentType = "application/json") =>
        new(status, requestId, contentType, 0, false, body);
}
