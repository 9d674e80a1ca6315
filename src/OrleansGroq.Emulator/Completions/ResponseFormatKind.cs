namespace OrleansGroq.Emulator.Completions;

internal enum ResponseFormatKind
{
    Text,
    JsonObject,
    JsonSchema,
}
