using System.Net.Http.Headers;

namespace OrleansGroq.IntegrationTests.Infrastructure;

internal static class Transcriptions
{
    /// <summary>A multipart upload of silent 16 kHz mono WAV audio, the file part first as the npm SDKs send it.</summary>
    public static MultipartFormDataContent Form(string model, int seconds, string? responseFormat = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(SilentWav(seconds));
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(file, "file", "silence.wav");
        form.Add(new StringContent(model), "model");
        if (responseFormat is not null)
        {
            form.Add(new StringContent(responseFormat), "response_format");
        }

        return form;
    }

    private static byte[] SilentWav(int seconds)
    {
        const int rate = 16000;
        var data = rate * 2 * seconds;
        var wav = new byte[44 + data];
        using var writer = new BinaryWriter(new MemoryStream(wav));
        writer.Write("RIFF"u8);
        writer.Write(36 + data);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(rate);
        writer.Write(rate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(data);
        return wav;
    }
}
