using System.Buffers.Binary;
using OrleansGroq.Emulator.Audio;

namespace OrleansGroq.Emulator.Tests.Audio;

public sealed class AudioDurationTests
{
    /// <summary>A PCM WAV: 16 kHz, mono, 16 bit (32,000 bytes per second).</summary>
    public static byte[] Wav(double seconds, bool unsetDataSize = false)
    {
        var data = (int)(seconds * 32000);
        var wav = new byte[44 + data];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), 36 + data);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), 16000);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), 32000);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 16);
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(40), unsetDataSize ? uint.MaxValue : (uint)data);
        return wav;
    }

    [Fact]
    public void Reads_wav_duration_from_the_header() => Assert.Equal(2.5, AudioDuration.Seconds(Wav(2.5), Wav(2.5).Length));

    [Fact]
    public void A_streamed_wav_without_data_size_uses_the_rest_of_the_file() =>
        Assert.Equal(3, AudioDuration.Seconds(Wav(3, unsetDataSize: true), Wav(3).Length));

    [Fact]
    public void Other_formats_are_estimated_at_128_kbit_per_second() =>
        Assert.Equal(4, AudioDuration.Seconds(new byte[100], 64000));
}
