using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace OrleansGroq.Silo.InProcess;

/// <summary>
/// The host's HTTP server (Kestrel) with the application it runs kept aside, so that a request from the cluster takes
/// exactly the middleware and endpoints an HTTP request takes (<see cref="InProcessGateway"/>). Everything else is
/// the inner server's.
/// </summary>
internal sealed class InProcessServer(IServer inner) : IServer
{
    private readonly TaskCompletionSource<Func<InProcessExchange, Task>> _application = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IFeatureCollection Features => inner.Features;

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        _application.TrySetResult(exchange => ProcessAsync(application, exchange));
        return inner.StartAsync(application, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => inner.StopAsync(cancellationToken);

    public void Dispose() => inner.Dispose();

    /// <summary>Runs <paramref name="exchange"/>'s request through the application, once the host has started it.</summary>
    public async Task ProcessAsync(InProcessExchange exchange) => await (await _application.Task.WaitAsync(exchange.RequestAborted))(exchange);

    // The steps an HTTP server takes for one request, in Kestrel's order: the application runs; the response is
    // started if it was not and ended; the OnCompleted callbacks run; the context is disposed.
    private static async Task ProcessAsync<TContext>(IHttpApplication<TContext> application, InProcessExchange exchange)
        where TContext : notnull
    {
        var context = application.CreateContext(exchange.Features);
        Exception? error = null;
        try
        {
            await application.ProcessRequestAsync(context);
            await exchange.EndResponseAsync();
        }
        catch (Exception e)
        {
            error = e;
            throw;
        }
        finally
        {
            await exchange.FireOnCompletedAsync();
            application.DisposeContext(context, error);
        }
    }
}
