using Microsoft.AspNetCore.Http.Metadata;

namespace OrleansGroq.Silo.Http;

/// <summary>
/// Declares the content type of request bodies, so that routing answers any other with 415 before a handler runs: a
/// browser may send <c>text/plain</c> or a form across sites without a preflight, and no SDK sends those. A request
/// with no <c>Content-Type</c> is still routed (routing lets it through), as clients that send none have always been
/// served; <c>application/json; charset=utf-8</c> and <c>application/*+json</c> match. (<c>curl -d</c> sends a form
/// type: the README's examples add the JSON header.)
/// </summary>
public static class JsonBodies
{
    private static readonly AcceptsMetadata Json = new(["application/json"]);

    /// <summary>Every POST route of <paramref name="api"/> that declares no content type of its own takes JSON.</summary>
    public static TBuilder AcceptJsonBodies<TBuilder>(this TBuilder api) where TBuilder : IEndpointConventionBuilder
    {
        api.Finally(endpoint =>
        {
            var posts = endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault()?.HttpMethods.Contains(HttpMethods.Post) == true;
            if (posts && !endpoint.Metadata.OfType<IAcceptsMetadata>().Any())
            {
                endpoint.Metadata.Add(Json);
            }
        });
        return api;
    }

    /// <summary>Declares that a route takes <c>multipart/form-data</c> rather than JSON.</summary>
    public static RouteHandlerBuilder AcceptsMultipart(this RouteHandlerBuilder route) =>
        route.WithMetadata(new AcceptsMetadata(["multipart/form-data"]));
}
