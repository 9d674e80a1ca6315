namespace OrleansGroq.Emulator.Completions;

internal enum ToolChoiceMode
{
    Auto,
    None,
    Required,
    Named,
}
