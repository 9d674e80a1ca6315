namespace OrleansGroq.Abstractions.Gateway;

/// <summary>
/// An API root as the base of relative paths. Without a trailing slash, <c>new Uri(root, "chat/completions")</c>
/// replaces the root's last segment: <c>https://api.groq.com/openai/v1</c> would send to
/// <c>https://api.groq.com/openai/chat/completions</c>, a 404. Both spellings of a root mean the same, so one is added.
/// </summary>
public static class ApiRoot
{
    public static Uri WithTrailingSlash(Uri root) =>
        !root.IsAbsoluteUri || root.AbsolutePath.EndsWith('/') ? root : new UriBuilder(root) { Path = root.AbsolutePath + "/" }.Uri;
}
