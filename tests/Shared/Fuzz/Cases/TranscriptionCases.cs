using OrleansGroq.Testing.Audio;
using OrleansGroq.Testing.Fuzz.Bodies;

namespace OrleansGroq.Testing.Fuzz.Cases;

/// <summary>
/// Broken transcription uploads: a part missing, an invalid model before or after the file (after it, a streaming
/// relay has opened its upstream request before it can know), a boundary that does not match the body, part headers
/// past any sane size, no closing delimiter, fields out of range, and content types that are not multipart.
/// </summary>
internal sealed class TranscriptionCases : IFuzzCases
{
    private static readonly string[] Paths = ["openai/v1/audio/transcriptions", "v1/audio/transcriptions"];
    private static readonly byte[] Audio = SilentWav.Create(1);
    private static readonly string[] InvalidModels = ["no-such-model", FuzzUpstream.ChatModel, ""];

    public FuzzCase Next(FuzzRandom random)
    {
        var path = random.Pick(Paths);
        var form = new Multipart("fuzz" + random.Letters(16));
        var model = random.Pick(InvalidModels);
        switch (random.Next(12))
        {
            case 0:
                return Case("missing-file", "model only", path, form, form.Field("model", FuzzUpstream.AudioModel).ToArray());
            case 1:
                return Case("missing-model", "file only", path, form, form.File("file", "a.wav", Audio).ToArray());
            case 2:
                return Case("file-before-invalid-model", model, path, form, form.File("file", "a.wav", Audio).Field("model", model).ToArray());
            case 3:
                return Case("invalid-model-before-file", model, path, form, form.Field("model", model).File("file", "a.wav", Audio).ToArray());
            case 4:
                var bad = random.Pick(JsonValues.InvalidUtf8);
                byte[] name = [.. "whisper"u8, .. bad];
                return Case("invalid-utf8-model", JsonValues.Hex(bad), path, form, form.File("file", "a.wav", Audio).Field("model", name).ToArray());
            case 5:
                var body = form.Field("model", FuzzUpstream.AudioModel).File("file", "a.wav", Audio).ToArray();
                return FuzzCase.Invalid("transcription/wrong-boundary", "declared boundary differs", Post(path, body, "multipart/form-data; boundary=another-boundary"));
            case 6:
                var padding = "X-Padding: " + random.Letters(20_000);
                var padded = random.Chance(0.5)
                    ? form.Field("model", FuzzUpstream.AudioModel, padding).File("file", "a.wav", Audio)
                    : form.File("file", "a.wav", Audio, padding).Field("model", FuzzUpstream.AudioModel);
                return Case("huge-part-header", "20 KB part header", path, form, padded.ToArray());
            case 7:
                return Case("unclosed", "no closing delimiter", path, form, form.Field("model", FuzzUpstream.AudioModel).File("file", "a.wav", Audio).ToArray(close: false));
            case 8:
                var format = random.Pick(["xml", "srt2", "5"]);
                return Case("bad-response-format", format, path, form, Valid(form).Field("response_format", format).ToArray());
            case 9:
                var temperature = random.Pick(["hot", "5", "-1"]);
                return Case("bad-temperature", temperature, path, form, Valid(form).Field("temperature", temperature).ToArray());
            case 10:
                var type = random.Pick(["multipart/form-data", "multipart/form-data; boundary=" + new string('b', 300), "application/json", "text/plain"]);
                return FuzzCase.Invalid("transcription/content-type", type, Post(path, Valid(form).ToArray(), type));
            default:
                var huge = random.Letters(70_000);
                return Case("huge-model", "70000 letters", path, form, form.File("file", "a.wav", Audio).Field("model", huge).ToArray());
        }
    }

    private static Multipart Valid(Multipart form) => form.File("file", "a.wav", Audio).Field("model", FuzzUpstream.AudioModel);

    private static FuzzCase Case(string kind, string detail, string path, Multipart form, byte[] body) =>
        FuzzCase.Invalid($"transcription/{kind}", detail, Post(path, body, form.ContentType));

    private static ClientRequest Post(string path, byte[] body, string contentType) => ClientRequest.Json(path, body, contentType);
}
