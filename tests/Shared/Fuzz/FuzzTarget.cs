namespace OrleansGroq.Testing.Fuzz;

/// <summary>The gateway under fuzzing: its address, a client whose requests each open a connection, and the run's conversations.</summary>
internal sealed class FuzzTarget : IDisposable
{
    private const int PooledConversations = 16;

    public FuzzTarget(Uri baseAddress, TimeSpan timeout)
    {
        BaseAddress = baseAddress;
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = baseAddress,
            Timeout = timeout,
        };
        Conversations = new ConversationPool(Http, PooledConversations);
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public ConversationPool Conversations { get; }

    public void Dispose() => Http.Dispose();
}
