namespace OrleansGroq.Testing.Audio;

/// <summary>Silent 16 kHz mono 16-bit WAV audio, the smallest upload a transcription endpoint accepts as audio.</summary>
internal static class SilentWav
{
    private const int Rate = 16000;

    public static byte[] Create(int seconds)
    {
        var data = Rate * 2 * seconds;
        var wav = new byte[44 + data];
        using var writer = new BinaryWriter(new MemoryStream(wav));
        writer.Write("RIFF"u8);
        writer.Write(36 + data);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(Rate);
        writer.Write(Rate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(data);
        return wav;
    }
}
