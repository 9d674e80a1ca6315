using OrleansGroq.Testing.Audio;
using OrleansGroq.Testing.Fuzz.Bodies;

namespace OrleansGroq.Testing.Fuzz.Cases;

/// <summary>Transcriptions (file first as the npm SDKs send it, or model first; each response format) and extractions.</summary>
internal sealed class ValidUploadCases : IFuzzCases
{
    private static readonly byte[] Audio = SilentWav.Create(1);
    private static readonly string[] Paths = ["openai/v1/audio/transcriptions", "v1/audio/transcriptions"];

    public FuzzCase Next(FuzzRandom random)
    {
        if (random.Chance(0.4))
        {
            return FuzzCase.Valid("valid/extract", "person schema", JsonRoutes.Extract.Post(random, JsonRoutes.Extract.ValidBytes()));
        }

        var form = new Multipart("fuzz" + random.Letters(16));
        var fileFirst = random.Chance(0.5);
        if (fileFirst)
        {
            form.File("file", "a.wav", Audio).Field("model", FuzzUpstream.AudioModel);
        }
        else
        {
            form.Field("model", FuzzUpstream.AudioModel).File("file", "a.wav", Audio);
        }

        var format = random.Pick(["", "json", "text", "verbose_json"]);
        if (format.Length > 0)
        {
            form.Field("response_format", format);
        }

        var detail = $"{(fileFirst ? "file first" : "model first")}{(format.Length > 0 ? ", " + format : "")}";
        return FuzzCase.Valid("valid/transcription", detail, ClientRequest.Json(random.Pick(Paths), form.ToArray(), form.ContentType));
    }
}
