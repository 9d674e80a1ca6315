using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Silo.Auth;

namespace OrleansGroq.Silo.InProcess;

/// <summary>
/// One request run in process: the features an HTTP server gives the application (request, response, body, abort),
/// with the response turned into <see cref="GatewayResponsePart"/>s as it is written. The response starts, and its
/// OnStarting callbacks run, at the first write or flush, or when the application returns without writing.
/// </summary>
internal sealed class InProcessExchange : IHttpResponseFeature, IHttpRequestLifetimeFeature, IHttpRequestBodyDetectionFeature
{
    // A few parts wait for the grain's caller to take them; beyond that the pipeline's writes wait, as on a slow socket.
    private const int BufferedParts = 16;

    private readonly Channel<GatewayResponsePart> _parts =
        Channel.CreateBounded<GatewayResponsePart>(new BoundedChannelOptions(BufferedParts) { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _aborted;
    private readonly StreamResponseBodyFeature _body;
    private readonly List<(Func<object, Task> Callback, object State)> _onStarting = [];
    private readonly List<(Func<object, Task> Callback, object State)> _onCompleted = [];

    public InProcessExchange(GatewayRequest request, CancellationToken callAborted)
    {
        _aborted = CancellationTokenSource.CreateLinkedTokenSource(callAborted);
        RequestAborted = _aborted.Token;
        _body = new StreamResponseBodyFeature(new InProcessResponseStream(this));
        CanHaveBody = request.Body.Length > 0;

        var headers = new HeaderDictionary();
        foreach (var (name, value) in request.Headers)
        {
            headers.Append(name, value);
        }

        headers[HeaderNames.Host] = request.Host;
        if (CanHaveBody)
        {
            headers.ContentLength = request.Body.Length;
        }

        var query = request.PathAndQuery.IndexOf('?');
        Features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Protocol = "HTTP/1.1",
            Scheme = "http",
            Method = request.Method,
            Path = PathString.FromUriComponent(query < 0 ? request.PathAndQuery : request.PathAndQuery[..query]).Value ?? "/",
            QueryString = query < 0 ? "" : request.PathAndQuery[query..],
            RawTarget = request.PathAndQuery,
            Headers = headers,
            Body = new MemoryStream(request.Body, writable: false),
        });
        Features.Set<IHttpResponseFeature>(this);
        Features.Set<IHttpResponseBodyFeature>(_body);
        Features.Set<IHttpRequestLifetimeFeature>(this);
        Features.Set<IHttpRequestBodyDetectionFeature>(this);
        Features.Set(this);
    }

    /// <summary>The tenant a request the silo makes for itself runs as (<see cref="InProcessGateway.SendAsync"/>); null for a client's.</summary>
    public GatewayClient? Caller { get; init; }

    /// <summary>The features the application's context is made of.</summary>
    public FeatureCollection Features { get; } = new();

    /// <summary>The answer's parts as they are written; completed when the response ends, faulted when the request fails.</summary>
    public ChannelReader<GatewayResponsePart> Parts => _parts.Reader;

    public int StatusCode { get; set; } = StatusCodes.Status200OK;

    public string? ReasonPhrase { get; set; }

    public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();

    [Obsolete("Use IHttpResponseBodyFeature.Stream.")]
    public Stream Body
    {
        get => _body.Stream;
        set => throw new NotSupportedException("Replace IHttpResponseBodyFeature instead.");
    }

    public bool HasStarted { get; private set; }

    public CancellationToken RequestAborted { get; set; }

    public bool CanHaveBody { get; }

    public void OnStarting(Func<object, Task> callback, object state)
    {
        if (HasStarted)
        {
            throw new InvalidOperationException("OnStarting cannot be set because the response has already started.");
        }

        _onStarting.Add((callback, state));
    }

    public void OnCompleted(Func<object, Task> callback, object state) => _onCompleted.Add((callback, state));

    public void Abort() => _aborted.Cancel();

    /// <summary>Runs the OnStarting callbacks, last registered first as Kestrel does, then sends status and headers; once.</summary>
    public async Task StartAsync()
    {
        if (HasStarted)
        {
            return;
        }

        for (var i = _onStarting.Count - 1; i >= 0; i--)
        {
            await _onStarting[i].Callback(_onStarting[i].State);
        }

        HasStarted = true;
        var headers = Headers.SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v ?? ""))).ToArray();
        await _parts.Writer.WriteAsync(new GatewayResponseStart(StatusCode, headers), _aborted.Token);
    }

    /// <summary>Sends a copy of <paramref name="bytes"/> as the next body part, starting the response first.</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> bytes)
    {
        await StartAsync();
        if (!bytes.IsEmpty)
        {
            await _parts.Writer.WriteAsync(new GatewayResponseChunk(bytes.ToArray()), _aborted.Token);
        }
    }

    /// <summary>After the application returned: starts the response if nothing did, sends what the body writer holds, ends it.</summary>
    public async Task EndResponseAsync()
    {
        await _body.CompleteAsync();
        _parts.Writer.TryComplete();
    }

    /// <summary>Ends the parts with <paramref name="error"/>, unless the response already ended.</summary>
    public void Fail(Exception error) => _parts.Writer.TryComplete(error);

    public async Task FireOnCompletedAsync()
    {
        for (var i = _onCompleted.Count - 1; i >= 0; i--)
        {
            await _onCompleted[i].Callback(_onCompleted[i].State);
        }
    }
}
