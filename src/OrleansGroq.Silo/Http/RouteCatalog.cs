using Microsoft.AspNetCore.Routing.Patterns;
using OrleansGroq.Grains.Fallback;

namespace OrleansGroq.Silo.Http;

/// <summary>
/// The routes this gateway serves, read from its endpoints at the first unknown URL, to name the one the caller most
/// likely meant: the same path under the API prefix (<c>/chat/completions</c>), the prefix given twice (an SDK whose
/// base URL already ends in it), or a route at most two typos away (<c>/openai/v1/chat/completion</c>).
/// </summary>
public sealed class RouteCatalog(EndpointDataSource endpoints)
{
    private const int MaxTypos = 2;

    // An unknown URL is the caller's input: past these sizes it is not a typo, and is not worth comparing.
    private const int MaxPathLength = 512;
    private const int MaxSegments = 16;

    private static readonly string[][] ApiPrefixes = [["openai", "v1"], ["v1"]];

    private readonly Lazy<Route[]> _routes = new(() => Read(endpoints));

    /// <summary>The route to suggest for <paramref name="method"/> <paramref name="path"/>, e.g. <c>POST /openai/v1/chat/completions</c>, or null.</summary>
    public string? Suggest(string method, string path)
    {
        if (path.Length > MaxPathLength)
        {
            return null;
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length > MaxSegments)
        {
            return null;
        }

        (Route Route, string[] Segments, int Typos, bool DoubledPrefix)? best = null;
        foreach (var (candidate, doubledPrefix) in Candidates(segments))
        {
            foreach (var route in _routes.Value)
            {
                if (route.Typos(candidate, best?.Typos ?? MaxTypos) is not { } typos)
                {
                    continue;
                }

                var better = best is not { } current
                    || typos < current.Typos
                    || (typos == current.Typos && !current.Route.Allows(method) && route.Allows(method));
                if (better)
                {
                    best = (route, candidate, typos, doubledPrefix);
                }
            }
        }

        if (best is not { } found)
        {
            return null;
        }

        var suggested = found.Route.Render(found.Segments);
        if (suggested.Equals(path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var suggestion = $"{(found.Route.Allows(method) ? method : found.Route.Methods[0])} {suggested}";
        return found.DoubledPrefix
            ? suggestion + " (the prefix was given twice: an OpenAI SDK's base URL ends in /openai/v1, groq-sdk's is the host alone)"
            : suggestion;
    }

    /// <summary>The path as it came, and as it would be with its API prefix given once.</summary>
    private static IEnumerable<(string[] Segments, bool DoubledPrefix)> Candidates(string[] segments)
    {
        yield return (segments, false);
        var prefix = ApiPrefixes.FirstOrDefault(p => StartsWith(segments, p, 0));
        if (prefix is null)
        {
            yield return ([.. ApiPrefixes[0], .. segments], false);
        }
        else if (ApiPrefixes.Any(p => StartsWith(segments, p, prefix.Length)))
        {
            yield return (segments[prefix.Length..], true);
        }
    }

    private static bool StartsWith(string[] segments, string[] prefix, int at) =>
        segments.Length >= at + prefix.Length && segments.AsSpan(at, prefix.Length).SequenceEqual(prefix, StringComparer.OrdinalIgnoreCase);

    private static Route[] Read(EndpointDataSource source) =>
        [.. source.Endpoints.OfType<RouteEndpoint>().Select(e => new Route(
            e.RoutePattern.PathSegments.Select(Segment.Of).ToArray(),
            e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToArray() ?? []))];

    /// <summary>A path segment of a route: a literal, or a parameter that takes any segment (all that remain when a catch-all).</summary>
    private readonly record struct Segment(string? Literal, bool CatchAll)
    {
        public static Segment Of(RoutePatternPathSegment segment) => segment.Parts switch
        {
            [RoutePatternLiteralPart literal] => new(literal.Content.ToLowerInvariant(), false),
            [RoutePatternParameterPart { IsCatchAll: true }] => new(null, true),
            _ => new(null, false),
        };
    }

    private sealed record Route(Segment[] Segments, string[] Methods)
    {
        public bool Allows(string method) => Methods.Length == 0 || Methods.Contains(method, StringComparer.OrdinalIgnoreCase);

        /// <summary>The typos that separate <paramref name="path"/> from this route, or null when more than <paramref name="max"/>.</summary>
        public int? Typos(string[] path, int max)
        {
            var catchAll = Segments.Length > 0 && Segments[^1].CatchAll;
            if (catchAll ? path.Length < Segments.Length : path.Length != Segments.Length)
            {
                return null;
            }

            var typos = 0;
            for (var i = 0; i < Segments.Length && typos <= max; i++)
            {
                if (Segments[i].Literal is { } literal)
                {
                    typos += BoundedLevenshtein.Distance(path[i].ToLowerInvariant(), literal, max - typos);
                }
            }

            return typos <= max ? typos : null;
        }

        /// <summary>This route with its parameters filled from <paramref name="path"/>.</summary>
        public string Render(string[] path) =>
            "/" + string.Join('/', Segments.Select((s, i) => s.Literal ?? (s.CatchAll ? string.Join('/', path[i..]) : path[i])));
    }
}
