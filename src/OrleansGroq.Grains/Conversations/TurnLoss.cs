namespace OrleansGroq.Grains.Conversations;

/// <summary>Why a conversation let a running turn go without its caller's word.</summary>
internal enum TurnLoss
{
    /// <summary>The turn ran past <c>Conversations:TurnLease</c>.</summary>
    LeaseExpired,

    /// <summary>The cluster declared the silo running the turn's LLM call dead.</summary>
    FrontEndDied,
}
