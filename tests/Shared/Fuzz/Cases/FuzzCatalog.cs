using OrleansGroq.Testing.Fuzz.Bodies;

namespace OrleansGroq.Testing.Fuzz.Cases;

/// <summary>The kinds of cases a run draws from, each with its weight (its share, in percent near enough).</summary>
internal static class FuzzCatalog
{
    public static IReadOnlyList<(IFuzzCases Cases, int Weight)> Invalid { get; } =
    [
        (new FieldCases(JsonRoutes.Chat), 22),
        (new FieldCases(JsonRoutes.ConversationCreate), 3),
        (new FieldCases(JsonRoutes.ConversationMessage), 6),
        (new FieldCases(JsonRoutes.Extract), 4),
        (new EncodingCases(), 12),
        (new SyntaxCases(), 12),
        (new ConversationCases(), 7),
        (new TranscriptionCases(), 9),
        (new RouteCases(), 8),
        (new HeaderCases(), 8),
        (new FramingCases(), 6),
        (new ProtocolCases(), 5),
    ];

    public static IReadOnlyList<(IFuzzCases Cases, int Weight)> Valid { get; } =
    [
        (new ValidChatCases(), 5),
        (new ValidConversationCases(), 3),
        (new ValidRouteCases(), 3),
        (new ValidUploadCases(), 2),
    ];
}
