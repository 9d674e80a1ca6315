using System.Net.Http.Headers;
using OrleansGroq.Testing.Audio;

namespace OrleansGroq.IntegrationTests.Infrastructure;

internal static class Transcriptions
{
    /// <summary>A multipart upload of silent 16 kHz mono WAV audio, the file part first as the npm SDKs send it.</summary>
    public static MultipartFormDataContent Form(string model, int seconds, string? responseFormat = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(SilentWav.Create(seconds));
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(file, "file", "silence.wav");
        form.Add(new StringContent(model), "model");
        if (responseFormat is not null)
        {
            form.Add(new StringContent(responseFormat), "response_format");
        }

        return form;
    }
}
