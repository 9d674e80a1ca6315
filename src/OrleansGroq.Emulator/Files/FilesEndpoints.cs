using OrleansGroq.Emulator.Accounts;
using OrleansGroq.Emulator.Http;

namespace OrleansGroq.Emulator.Files;

/// <summary>
/// Groq's Files API (see <c>Batches/README.md</c>): <c>POST /files</c> (multipart <c>file</c> and <c>purpose</c>),
/// <c>GET /files</c>, <c>GET /files/{id}</c>, <c>GET /files/{id}/content</c> and <c>DELETE /files/{id}</c>, each
/// scoped to the caller's organization.
/// </summary>
internal sealed class FilesEndpoints(EmulatorRuntime runtime)
{
    /// <summary>Groq's limit for a batch input file.</summary>
    public const long MaxFileBytes = 100L * 1024 * 1024;

    public async Task UploadAsync(HttpContext context)
    {
        if (Authenticate(context) is not { } key)
        {
            await GroqErrorWriter.SendAsync(context.Response, GroqErrors.InvalidApiKey);
            return;
        }

        if (!context.Request.HasFormContentType)
        {
            await GroqErrorWriter.SendAsync(context.Response, GroqErrors.Invalid("The request must be multipart/form-data with a `file` and a `purpose`.", "file"));
            return;
        }

        // Kestrel's default body limit (30 MB) is below Groq's file limit.
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxFileBytes + 1024 * 1024;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var purpose = form["purpose"].ToString();
        var upload = form.Files.GetFile("file");
        var error = purpose != "batch" ? GroqErrors.Invalid($"`purpose` must be `batch`, not `{GroqErrors.Quote(purpose)}`.", "purpose")
            : upload is null ? GroqErrors.Invalid("The request has no `file`.", "file")
            : upload.Length == 0 ? GroqErrors.Invalid("The file is empty.", "file")
            : upload.Length > MaxFileBytes ? GroqErrors.Invalid($"The file is larger than {MaxFileBytes} bytes.", "file")
            : null;
        if (error is not null)
        {
            await GroqErrorWriter.SendAsync(context.Response, error);
            return;
        }

        using var content = new MemoryStream((int)upload!.Length);
        await upload.CopyToAsync(content, context.RequestAborted);
        var file = runtime.Files.Add(key.Account.Id, Path.GetFileName(upload.FileName), purpose, content.ToArray());
        await JsonResponse.SendAsync(context.Response, StatusCodes.Status200OK, file, FileJson.Write);
    }

    public Task ListAsync(HttpContext context) => Authenticate(context) is { } key
        ? JsonResponse.SendAsync(context.Response, StatusCodes.Status200OK, runtime.Files.List(key.Account.Id, NullIfEmpty(context.Request.Query["purpose"])), FileJson.WriteList)
        : GroqErrorWriter.SendAsync(context.Response, GroqErrors.InvalidApiKey);

    public Task GetAsync(HttpContext context, string id) => WithFileAsync(context, id, file =>
        JsonResponse.SendAsync(context.Response, StatusCodes.Status200OK, file, FileJson.Write));

    public Task ContentAsync(HttpContext context, string id) => WithFileAsync(context, id, async file =>
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = file.Content.Length;
        await context.Response.Body.WriteAsync(file.Content, context.RequestAborted);
    });

    public Task DeleteAsync(HttpContext context, string id) => WithFileAsync(context, id, file =>
    {
        runtime.Files.Delete(file.AccountId, file.Id);
        return JsonResponse.SendAsync(context.Response, StatusCodes.Status200OK, file.Id, FileJson.WriteDeleted);
    });

    private Task WithFileAsync(HttpContext context, string id, Func<StoredFile, Task> found)
    {
        if (Authenticate(context) is not { } key)
        {
            return GroqErrorWriter.SendAsync(context.Response, GroqErrors.InvalidApiKey);
        }

        return runtime.Files.Find(key.Account.Id, id) is { } file
            ? found(file)
            : GroqErrorWriter.SendAsync(context.Response, GroqErrors.NotFound($"File `{GroqErrors.Quote(id)}` not found."));
    }

    private ApiKey? Authenticate(HttpContext context) => BearerAuthentication.Authenticate(context.Request, runtime.Keys);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
