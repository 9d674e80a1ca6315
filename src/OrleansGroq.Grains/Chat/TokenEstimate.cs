namespace OrleansGroq.Grains.Chat;

/// <summary>
/// A cheap prompt-token estimate: about four characters a token plus a few tokens of message framing.
/// It only has to be close: Groq's own usage figures settle the real count.
/// </summary>
public static class TokenEstimate
{
    private const int CharactersPerToken = 4;
    private const int MessageOverhead = 4;

    public static int ForMessage(int characters) => (characters + CharactersPerToken - 1) / CharactersPerToken + MessageOverhead;
}
