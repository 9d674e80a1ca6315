using Microsoft.Extensions.Configuration;
using OrleansGroq.Abstractions.Gateway;

namespace OrleansGroq.Tests.Upstream;

public sealed class ApiRootTests
{
    [Theory]
    [InlineData("https://api.groq.com/openai/v1")]
    [InlineData("https://api.groq.com/openai/v1/")]
    public void Either_spelling_of_the_upstream_root_sends_beneath_it(string configured)
    {
        var options = Bind<UpstreamOptions>("Upstream", configured);

        Assert.Equal("https://api.groq.com/openai/v1/chat/completions", new Uri(options.BaseUrl, "chat/completions").ToString());
    }

    [Theory]
    [InlineData("http://localhost:11434/v1")]
    [InlineData("http://localhost:11434/v1/")]
    public void Either_spelling_of_the_backup_root_sends_beneath_it(string configured)
    {
        var options = Bind<BackupProviderOptions>("Backup", configured);

        Assert.Equal("http://localhost:11434/v1/chat/completions", new Uri(options.BaseUrl!, "chat/completions").ToString());
    }

    [Fact]
    public void A_root_with_a_query_keeps_it_and_a_relative_one_is_left_for_validation_to_refuse()
    {
        Assert.Equal("https://proxy.example/groq/?tenant=a", ApiRoot.WithTrailingSlash(new Uri("https://proxy.example/groq?tenant=a")).ToString());
        Assert.Equal("openai/v1", ApiRoot.WithTrailingSlash(new Uri("openai/v1", UriKind.Relative)).ToString());
    }

    private static T Bind<T>(string section, string baseUrl)
        where T : new()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"{section}:BaseUrl"] = baseUrl }).Build();
        var options = new T();
        configuration.GetSection(section).Bind(options);
        return options;
    }
}
