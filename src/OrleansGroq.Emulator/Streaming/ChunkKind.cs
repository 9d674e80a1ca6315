namespace OrleansGroq.Emulator.Streaming;

internal enum ChunkKind
{
    Role,
    Reasoning,
    Content,
    ToolCall,
    Final,
    Usage,
}
