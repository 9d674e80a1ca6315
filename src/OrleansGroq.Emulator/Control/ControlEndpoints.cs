using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OrleansGroq.Emulator.Http;
using OrleansGroq.Emulator.Configuration;

namespace OrleansGroq.Emulator.Control;

/// <summary>
/// The <c>/_emulator/</c> control API. It needs no key but answers only loopback clients: anyone
/// else gets a 404, as if it did not exist.
/// </summary>
internal sealed class ControlEndpoints(EmulatorControl control)
{
    public async Task StatsAsync(HttpContext context)
    {
        if (await RefuseRemote(context))
        {
            return;
        }

        await Send(context, StatusCodes.Status200OK, control.GetStats(), EmulatorJsonContext.Default.EmulatorStats);
    }

    public async Task AddFaultAsync(HttpContext context)
    {
        if (await RefuseRemote(context))
        {
            return;
        }

        try
        {
            var rule = await Read(context, EmulatorJsonContext.Default.FaultRule);
            var id = control.AddFault(rule ?? throw new ArgumentException("Fault rule: body must be a JSON object."));
            await Send(context, StatusCodes.Status200OK, new FaultAdded(id), EmulatorJsonContext.Default.FaultAdded);
        }
        catch (ArgumentException ex)
        {
            await BadRequest(context, ex.Message);
        }
    }

    public async Task ClearFaultsAsync(HttpContext context)
    {
        if (!await RefuseRemote(context))
        {
            control.ClearFaults();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
    }

    public async Task SetLimitsAsync(HttpContext context)
    {
        if (await RefuseRemote(context))
        {
            return;
        }

        try
        {
            var update = await Read(context, EmulatorJsonContext.Default.LimitsUpdate);
            if (update is null || string.IsNullOrWhiteSpace(update.Account) || string.IsNullOrWhiteSpace(update.Model))
            {
                throw new ArgumentException("'account' and 'model' are required.");
            }

            control.SetLimits(update.Account, update.Model, new ModelLimits { Rpm = update.Rpm, Rpd = update.Rpd, Tpm = update.Tpm, Tpd = update.Tpd });
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
        catch (ArgumentException ex)
        {
            await BadRequest(context, ex.Message);
        }
    }

    public async Task ResetAsync(HttpContext context)
    {
        if (!await RefuseRemote(context))
        {
            control.Reset();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
    }

    private static async Task<bool> RefuseRemote(HttpContext context)
    {
        // No remote address means an in-memory transport (TestServer): nothing outside the process.
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null || IPAddress.IsLoopback(remote))
        {
            return false;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        await context.Response.CompleteAsync();
        return true;
    }

    private static async Task<T?> Read<T>(HttpContext context, JsonTypeInfo<T> type)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"Invalid JSON at '{ex.Path}': {ex.Message}", ex);
        }
    }

    private static Task BadRequest(HttpContext context, string message) =>
        GroqErrorWriter.SendAsync(context.Response, GroqErrors.Invalid(message));

    private static async Task Send<T>(HttpContext context, int status, T value, JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }
}
