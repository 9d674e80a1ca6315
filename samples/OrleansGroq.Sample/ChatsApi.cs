using Microsoft.Extensions.AI;
using OrleansGroq.Client;

namespace OrleansGroq.Sample;

/// <summary><c>/chats</c>: conversations the gateway keeps, so the service sends only each new message.</summary>
internal static class ChatsApi
{
    public static IEndpointRouteBuilder MapChatsApi(this IEndpointRouteBuilder app)
    {
        var chats = app.MapGroup("/chats");
        chats.MapPost("/", CreateAsync).WithSummary("Starts a conversation.");
        chats.MapPost("/{id}", SayAsync).WithSummary("Sends a message and returns the reply.");
        chats.MapGet("/{id}", ReadAsync).WithSummary("The conversation's messages.");
        return app;
    }

    private static async Task<IResult> CreateAsync(IConversationClient conversations, CancellationToken cancellationToken)
    {
        var conversation = await conversations.CreateAsync(new ConversationCreateOptions { SystemPrompt = "You are a helpful assistant. Be brief." }, cancellationToken);
        return Results.Created($"/chats/{conversation.Id}", new { conversation.Id, conversation.Model });
    }

    private static async Task<IResult> SayAsync(string id, Message message, IConversationClient conversations, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await conversations.SendAsync(id, new ChatMessage(ChatRole.User, message.Text), cancellationToken: cancellationToken);
            return Results.Ok(new Message(reply.Text));
        }
        catch (OrleansGroqException e)
        {
            return Results.Problem(e.Message, statusCode: e.StatusCode, title: e.Code);
        }
    }

    private static async Task<IResult> ReadAsync(string id, IConversationClient conversations, CancellationToken cancellationToken) =>
        await conversations.GetAsync(id, cancellationToken) is { } conversation
            ? Results.Ok(conversation.Messages.Select(m => new { Role = m.Role.Value, m.Text }))
            : Results.NotFound();

    internal sealed record Message(string Text);
}
