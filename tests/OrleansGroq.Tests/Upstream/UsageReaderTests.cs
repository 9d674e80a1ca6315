using System.Text;
using OrleansGroq.Grains.Upstream;

namespace OrleansGroq.Tests.Upstream;

public sealed class UsageReaderTests
{
    [Theory]
    [InlineData("""{"usage":{"prompt_tokens":12,"completion_tokens":5,"prompt_tokens_details":{"cached_tokens":4}}}""", 12, 5, 4)]
    [InlineData("""{"choices":[],"x_groq":{"id":"req_1","usage":{"prompt_tokens":7,"completion_tokens":3}}}""", 7, 3, 0)]
    public void Reads_the_usage_where_groq_puts_it(string json, long prompt, long completion, long cached)
    {
        Assert.True(UsageReader.TryRead(Encoding.UTF8.GetBytes(json), out var usage));

        Assert.Equal(new UsageCounts(prompt, completion, cached), usage);
    }

    [Theory]
    [InlineData("""{"usage":{"prompt_tokens":"12","completion_tokens":5}}""", 0, 5, 0)]
    [InlineData("""{"usage":{"prompt_tokens":{"n":1},"completion_tokens":[2],"prompt_tokens_details":{"cached_tokens":true}}}""", 0, 0, 0)]
    public void A_count_that_is_not_a_number_is_passed_over(string json, long prompt, long completion, long cached)
    {
        Assert.True(UsageReader.TryRead(Encoding.UTF8.GetBytes(json), out var usage));

        Assert.Equal(new UsageCounts(prompt, completion, cached), usage);
    }

    [Theory]
    [InlineData("""{"usage":{"prompt_tokens":12""")]
    [InlineData("[1,2]")]
    [InlineData("""{"id":"chatcmpl-1"}""")]
    public void Finds_no_usage_in_a_body_without_a_whole_one(string json) =>
        Assert.False(UsageReader.TryRead(Encoding.UTF8.GetBytes(json), out _));
}
