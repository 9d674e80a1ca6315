using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OrleansGroq.Testing.Fuzz;

/// <summary>
/// The conversations a run's requests name: a pool made before the run (outside its counts), and fresh ones made
/// on demand for requests that delete theirs.
/// </summary>
internal sealed class ConversationPool(HttpClient http, int size)
{
    private string[] _ids = [];

    public async Task FillAsync(CancellationToken cancellationToken) =>
        _ids = await Task.WhenAll(Enumerable.Range(0, size).Select(_ => CreateAsync(cancellationToken)));

    /// <summary>The path with its <see cref="ConversationPick.Placeholder"/>, if any, replaced by a conversation id.</summary>
    public async Task<string> ResolveAsync(string path, ConversationPick pick, CancellationToken cancellationToken)
    {
        if (!path.Contains(ConversationPick.Placeholder, StringComparison.Ordinal))
        {
            return path;
        }

        var id = pick.IsFresh ? await CreateAsync(cancellationToken) : _ids[pick.Slot % _ids.Length];
        return path.Replace(ConversationPick.Placeholder, id, StringComparison.Ordinal);
    }

    private async Task<string> CreateAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/conversations")
        {
            Content = new StringContent($$"""{"model":"{{FuzzUpstream.ChatModel}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.ConnectionClose = true;
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var conversation = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return conversation.GetProperty("id").GetString()!;
    }
}
