using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Gateway;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace OrleansGroq.Grains.Upstream;

/// <summary>
/// Sends chat bodies to the upstream provider through the resilience pipeline. Bodies are bytes,
/// never re-serialised; a streamed response is handed back after its headers so the caller can
/// relay it as it arrives, while a non-stream one is buffered inside the attempt so the latency
/// SLA covers the whole answer.
/// </summary>
public sealed class UpstreamClient
{
    private const string Provider = "groq";

    private readonly HttpClient _http;
    private readonly UpstreamPipelines _pipelines;
    private readonly TimeProvider _time;
    private readonly Uri _chatUri;
    private readonly Uri _transcriptionsUri;
    private readonly Uri _baseUri;
    private readonly TimeSpan _transcriptionTimeout;

    internal UpstreamClient(HttpClient http, UpstreamPipelines pipelines, IOptions<UpstreamOptions> options, TimeProvider time)
    {
        _http = http;
        _pipelines = pipelines;
        _time = time;
        _chatUri = new Uri(options.Value.BaseUrl, "chat/completions");
        _transcriptionsUri = new Uri(options.Value.BaseUrl, "audio/transcriptions");
        _baseUri = options.Value.BaseUrl;
        _transcriptionTimeout = options.Value.TranscriptionTimeout;
    }

    /// <summary>
    /// Sends a streamed upload once, outside the retry pipeline: its body is read from the client as it
    /// goes, so it cannot be replayed. A failure while sending surfaces as <see cref="UpstreamFailure"/>.
    /// </summary>
    public async ValueTask<UpstreamResult> SendTranscriptionAsync(HttpContent content, UpstreamCredential credential, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_transcriptionTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, _transcriptionsUri) { Content = content };
        request.Headers.Authorization = credential.ToAuthorizationHeader();
        try
        {
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            return new UpstreamResult(response, UpstreamFailure.None, 1, _time.GetElapsedTime(started), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new UpstreamResult(null, UpstreamFailure.Timeout, 1, _time.GetElapsedTime(started), null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return new UpstreamResult(null, UpstreamFailure.Unreachable, 1, _time.GetElapsedTime(started), null);
        }
    }

    /// <summary>
    /// Sends one Files or Batches API call once, outside the chat pipelines: it is not chat traffic, so it must not
    /// feed a model's circuit breaker, and an upload cannot be replayed. The response is handed back after its headers,
    /// so a file's content can be relayed as it arrives; <paramref name="timeout"/> bounds the wait for them.
    /// </summary>
    /// <param name="path">The route below the API root, e.g. <c>files/file_01…/content</c>, its id already escaped.</param>
    public async ValueTask<UpstreamResult> SendObjectCallAsync(
        HttpMethod method, string path, HttpContent? content, UpstreamCredential credential, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var request = new HttpRequestMessage(method, new Uri(_baseUri, path)) { Content = content };
        request.Headers.Authorization = credential.ToAuthorizationHeader();
        try
        {
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            return new UpstreamResult(response, UpstreamFailure.None, 1, _time.GetElapsedTime(started), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new UpstreamResult(null, UpstreamFailure.Timeout, 1, _time.GetElapsedTime(started), null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return new UpstreamResult(null, UpstreamFailure.Unreachable, 1, _time.GetElapsedTime(started), null);
        }
    }

    public ValueTask<UpstreamResult> SendChatAsync(
        string model, ReadOnlyMemory<byte> body, bool stream, UpstreamCredential credential, CancellationToken cancellationToken) =>
        SendChatAsync(Provider, _chatUri, model, body, stream, credential, cancellationToken);

    /// <summary>Sends a chat body to another provider's chat endpoint, through that provider and model's own pipeline.</summary>
    public async ValueTask<UpstreamResult> SendChatAsync(
        string provider, Uri chatUri, string model, ReadOnlyMemory<byte> body, bool stream, UpstreamCredential credential, CancellationToken cancellationToken)
    {
        var state = new Attempt(this, chatUri, body, stream, credential);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        var started = _time.GetTimestamp();
        try
        {
            var outcome = await _pipelines.For(provider, model).ExecuteOutcomeAsync(
                static (ctx, attempt) => attempt.SendAsync(ctx.CancellationToken), context, state);
            var elapsed = _time.GetElapsedTime(started);
            return outcome switch
            {
                { Result: { } response } => new UpstreamResult(response, UpstreamFailure.None, state.Count, elapsed, null),
                { Exception: BrokenCircuitException open } => new UpstreamResult(null, UpstreamFailure.CircuitOpen, state.Count, elapsed, open.RetryAfter),
                { Exception: TimeoutRejectedException } => new UpstreamResult(null, UpstreamFailure.Timeout, state.Count, elapsed, null),
                { Exception: HttpRequestException or IOException } => new UpstreamResult(null, UpstreamFailure.Unreachable, state.Count, elapsed, null),
                { Exception: { } other } => throw other,
                _ => throw new InvalidOperationException("The resilience pipeline returned neither a result nor an exception."),
            };
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private sealed class Attempt(UpstreamClient owner, Uri chatUri, ReadOnlyMemory<byte> body, bool stream, UpstreamCredential credential)
    {
        public int Count;

        public async ValueTask<Outcome<HttpResponseMessage>> SendAsync(CancellationToken cancellationToken)
        {
            Count++;
            HttpResponseMessage? response = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, chatUri)
                {
                    Content = new ReadOnlyMemoryContent(body),
                };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Authorization = credential.ToAuthorizationHeader();
                response = await owner._http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (!stream || !response.IsSuccessStatusCode)
                {
                    await response.Content.LoadIntoBufferAsync(cancellationToken);
                }

                return Outcome.FromResult(response);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
            {
                response?.Dispose();
                return Outcome.FromException<HttpResponseMessage>(e);
            }
        }
    }
}
