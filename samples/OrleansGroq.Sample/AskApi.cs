using System.ComponentModel;
using Microsoft.Extensions.AI;
using OrleansGroq.Client;

namespace OrleansGroq.Sample;

/// <summary><c>POST /ask</c>: one question answered through <see cref="IChatClient"/>, with a tool the model may call.</summary>
internal static class AskApi
{
    public static IEndpointRouteBuilder MapAskApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/ask", AskAsync).WithName("Ask").WithSummary("Answers a question; the model may ask the service for the time.");
        return app;
    }

    private static async Task<IResult> AskAsync(Question question, IChatClient chat, TimeProvider time, CancellationToken cancellationToken)
    {
        var options = new ChatOptions
        {
            Tools = [AIFunctionFactory.Create(
                [Description("The current UTC date and time.")] () => time.GetUtcNow().ToString("u", System.Globalization.CultureInfo.InvariantCulture),
                "get_utc_time")],
        }.WithGateway(new GatewayRequestOptions { SessionId = question.User });

        try
        {
            var response = await chat.GetResponseAsync(question.Text, options, cancellationToken);
            var info = response.GetGatewayInfo();
            return Results.Ok(new Answer(response.Text, info?.Model, info?.KeyAlias, info?.IsDegraded ?? false));
        }
        catch (OrleansGroqException e)
        {
            return Results.Problem(e.Message, statusCode: e.StatusCode, title: e.Code);
        }
    }

    /// <param name="Text">The question.</param>
    /// <param name="User">Who asks: the gateway keeps a user on one Groq key.</param>
    internal sealed record Question(string Text, string? User);

    internal sealed record Answer(string Text, string? Model, string? Key, bool Degraded);
}
