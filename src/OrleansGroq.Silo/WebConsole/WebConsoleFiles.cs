using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;

namespace OrleansGroq.Silo.WebConsole;

/// <summary>
/// The console's static files, embedded in this assembly (<c>WebConsole/Files</c>) and read once: <c>dotnet run</c>, a
/// published app and a test host serve the same bytes without a content root to find, and there is no build step.
/// </summary>
internal sealed class WebConsoleFiles
{
    private const string Prefix = "WebConsole/";

    private readonly FrozenDictionary<string, WebConsoleFile> _files;

    public WebConsoleFiles()
    {
        var assembly = typeof(WebConsoleFiles).Assembly;
        var types = new FileExtensionContentTypeProvider();
        var files = new Dictionary<string, WebConsoleFile>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            var path = name[Prefix.Length..].Replace('\\', '/');
            var type = types.TryGetContentType(path, out var known) ? known : "application/octet-stream";
            if (type.StartsWith("text/", StringComparison.Ordinal))
            {
                type += "; charset=utf-8";
            }

            files[path] = new WebConsoleFile(content, type, $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
        }

        _files = files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The file at <paramref name="path"/> (relative to <c>/ui/</c>, case-sensitive), or null.</summary>
    public WebConsoleFile? Find(string path) => _files.GetValueOrDefault(path);
}
