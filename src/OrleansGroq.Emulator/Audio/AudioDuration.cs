using System.Buffers.Binary;

namespace OrleansGroq.Emulator.Audio;

/// <summary>
/// The length of an uploaded recording: exact for WAV (from the RIFF header), otherwise estimated
/// from its size at 128 kbit/s, a common bitrate for compressed speech.
/// </summary>
internal static class AudioDuration
{
    private const double CompressedBytesPerSecond = 16_000;

    /// <param name="head">The first bytes of the file (at least its header).</param>
    /// <param name="length">The whole file's size.</param>
    public static double Seconds(ReadOnlySpan<byte> head, long length) =>
        FromWav(head, length) ?? Math.Round(length / CompressedBytesPerSecond, 3);

    private static double? FromWav(ReadOnlySpan<byte> head, long length)
    {
        if (head.Length < 12 || !head[..4].SequenceEqual("RIFF"u8) || !head[8..12].SequenceEqual("WAVE"u8))
        {
            return null;
        }

        uint byteRate = 0;
        var position = 12;
        while (position + 8 <= head.Length)
        {
            var id = head.Slice(position, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(head.Slice(position + 4, 4));
            var data = position + 8;
            if (id.SequenceEqual("fmt "u8) && data + 12 <= head.Length)
            {
                byteRate = BinaryPrimitives.ReadUInt32LittleEndian(head.Slice(data + 8, 4));
            }
            else if (id.SequenceEqual("data"u8))
            {
                // Streamed WAVs leave the size unset (0 or 0xFFFFFFFF): the rest of the file is data.
                var available = length - data;
                var bytes = size == 0 || size > available ? available : size;
                return byteRate == 0 ? null : Math.Round(bytes / (double)byteRate, 3);
            }

            position = data + (int)Math.Min((long)size + (size & 1), int.MaxValue - data);
        }

        return null;
    }
}
