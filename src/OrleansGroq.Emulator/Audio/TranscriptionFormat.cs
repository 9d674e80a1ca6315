namespace OrleansGroq.Emulator.Audio;

/// <summary>The <c>response_format</c>s Groq serves for audio (<c>vtt</c> and <c>srt</c> it refuses).</summary>
internal enum TranscriptionFormat
{
    Json,
    Text,
    VerboseJson,
}
