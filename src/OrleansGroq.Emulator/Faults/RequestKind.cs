namespace OrleansGroq.Emulator.Faults;

/// <summary>What kind of request a fault is considered for; mid-stream faults only fit streams.</summary>
internal enum RequestKind
{
    Chat,
    ChatStream,
    Transcription,
}
