using System.Net;
using OrleansGroq.Emulator.Tests.Support;
using static OrleansGroq.Emulator.Tests.Batches.BatchClient;

namespace OrleansGroq.Emulator.Tests.Batches;

public sealed class FilesApiTests
{
    [Fact]
    public async Task An_uploaded_file_is_described_listed_read_back_byte_for_byte_and_deleted()
    {
        await using var emulator = await EmulatorScope.StartAsync(EmulatorScope.OneAccount());
        var content = Line("a") + "\n" + Line("b") + "\n";

        using var upload = await UploadAsync(emulator.Client, content, filename: "work.jsonl");
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var file = await JsonAsync(upload);
        var id = file.GetProperty("id").GetString()!;
        Assert.StartsWith("file_", id);
        Assert.Equal("file", file.GetProperty("object").GetString());
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(content), file.GetProperty("bytes").GetInt32());
        Assert.Equal("work.jsonl", file.GetProperty("filename").GetString());
        Assert.Equal("batch", file.GetProperty("purpose").GetString());

        Assert.Equal(content, await emulator.Client.GetStringAsync($"openai/v1/files/{id}/content"));
        var list = await JsonAsync(await emulator.Client.GetAsync("openai/v1/files"));
        Assert.Equal([id], list.GetProperty("data").EnumerateArray().Select(f => f.GetProperty("id").GetString()));

        var deleted = await JsonAsync(await emulator.Client.DeleteAsync($"openai/v1/files/{id}"));
        Assert.True(deleted.GetProperty("deleted").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.Client.GetAsync($"openai/v1/files/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("fine-tune", "purpose")]
    [InlineData("", "purpose")]
    public async Task An_upload_for_another_purpose_is_refused_naming_the_field(string purpose, string param)
    {
        await using var emulator = await EmulatorScope.StartAsync(EmulatorScope.OneAccount());

        using var response = await UploadAsync(emulator.Client, Line("a"), purpose);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(param, (await JsonAsync(response)).GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task An_upload_without_a_key_is_refused()
    {
        await using var emulator = await EmulatorScope.StartAsync(EmulatorScope.OneAccount());
        emulator.Client.DefaultRequestHeaders.Authorization = null;

        using var response = await UploadAsync(emulator.Client, Line("a"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Another_organizations_file_does_not_exist_for_the_caller()
    {
        await using var emulator = await EmulatorScope.StartAsync(TwoAccounts.Options);
        var id = await UploadIdAsync(emulator.Client, Line("a"));
        using var other = TwoAccounts.OtherClient(emulator);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"openai/v1/files/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"openai/v1/files/{id}/content")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"openai/v1/files/{id}")).StatusCode);
        Assert.Empty((await JsonAsync(await other.GetAsync("openai/v1/files"))).GetProperty("data").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await emulator.Client.GetAsync($"openai/v1/files/{id}")).StatusCode);
    }
}
