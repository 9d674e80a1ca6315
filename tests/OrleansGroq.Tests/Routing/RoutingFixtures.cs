using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Routing;

namespace OrleansGroq.Tests.Routing;

/// <summary>Catalogs built in code, and routers over them, so that routing tests do not depend on appsettings.json.</summary>
internal static class RoutingFixtures
{
    public const string Fast = "llama-3.1-8b-instant";
    public const string Versatile = "llama-3.3-70b-versatile";
    public const string OssSmall = "openai/gpt-oss-20b";
    public const string OssLarge = "openai/gpt-oss-120b";
    public const string Scout = "meta-llama/llama-4-scout-17b-16e-instruct";
    public const string Qwen = "qwen/qwen3-32b";
    public const string Kimi = "moonshotai/kimi-k2-instruct-0905";
    public const string Compound = "groq/compound";
    public const string Whisper = "whisper-large-v3-turbo";

    /// <summary>Every chat capability, for a model that can be the target of every rule.</summary>
    public const ModelCapabilities Everything = ModelCapabilities.Text | ModelCapabilities.Tools | ModelCapabilities.Json
        | ModelCapabilities.StrictJson | ModelCapabilities.Vision | ModelCapabilities.Reasoning;

    private const ModelCapabilities Chat = ModelCapabilities.Text | ModelCapabilities.Tools | ModelCapabilities.Json;
    private const ModelCapabilities Oss = Chat | ModelCapabilities.StrictJson | ModelCapabilities.Reasoning | ModelCapabilities.PromptCaching;

    /// <summary>The seed catalog and aliases of appsettings.json. By price: 8B, gpt-oss-20b, Scout, gpt-oss-120b, Qwen, 70B, Kimi.</summary>
    public static ModelCatalog Seed() => Catalog(
        [
            Model(Fast, Chat, 0.05m, 0.08m, speed: 560, tier: "speed"),
            Model(Versatile, Chat, 0.59m, 0.79m, speed: 280, maxOutput: 32_768, tier: "quality"),
            Model(OssSmall, Oss, 0.075m, 0.30m, speed: 1000, maxOutput: 65_536, tier: "reasoning"),
            Model(OssLarge, Oss, 0.15m, 0.60m, speed: 500, maxOutput: 65_536, tier: "reasoning"),
            Model(Scout, Chat | ModelCapabilities.Vision, 0.11m, 0.34m, speed: 460, maxOutput: 8192, tier: "vision"),
            Model(Qwen, Chat | ModelCapabilities.Reasoning, 0.29m, 0.59m, speed: 400, maxOutput: 40_960, tier: "reasoning"),
            Model(Kimi, Chat | ModelCapabilities.PromptCaching, 1.00m, 3.00m, speed: 200, context: 262_144, maxOutput: 16_384, tier: "quality"),
            Model(Compound, ModelCapabilities.Text, 0, 0, speed: 450, maxOutput: 8192, tier: "compound"),
            Model("groq/compound-mini", ModelCapabilities.Text, 0, 0, speed: 450, maxOutput: 8192, tier: "compound"),
            Model(Whisper, ModelCapabilities.Audio, 0, 0, speed: 0, context: 0, maxOutput: 0, tier: "audio"),
            Model("whisper-large-v3", ModelCapabilities.Audio, 0, 0, speed: 0, context: 0, maxOutput: 0, tier: "audio"),
        ],
        new()
        {
            ["speed"] = Fast,
            ["quality"] = Versatile,
            ["vision"] = Scout,
            ["reasoning"] = OssLarge,
            ["audio"] = Whisper,
        });

    public static ModelCatalog Catalog(IEnumerable<ModelSpec> models, Dictionary<string, string>? aliases = null) =>
        new(Options.Create(new ModelCatalogOptions
        {
            Catalog = [.. models],
            Aliases = new Dictionary<string, string>(aliases ?? [], StringComparer.OrdinalIgnoreCase),
        }));

    public static ModelSpec Model(
        string id,
        ModelCapabilities capabilities,
        decimal inputCost,
        decimal outputCost,
        int speed = 500,
        int context = 131_072,
        int maxOutput = 131_072,
        string tier = "quality") =>
        new()
        {
            Id = id,
            Tier = tier,
            ContextWindow = context,
            MaxOutput = maxOutput,
            SpeedTokensPerSecond = speed,
            InputCostPer1M = inputCost,
            OutputCostPer1M = outputCost,
            Capabilities = capabilities,
        };

    /// <summary>Rule models that all name <paramref name="model"/>, for catalogs without the seed ids.</summary>
    public static RoutingRuleModels AllRulesTo(string model) =>
        new() { Vision = model, Fast = model, LongContext = model, StrictJson = model, Reasoning = model, ToolsJson = model, Default = model };

    public static ModelRouter Router(
        ModelCatalog? catalog = null, RoutingOptions? options = null, IModelHeadroom? headroom = null, IModelLatency? latency = null) =>
        new(catalog ?? Seed(), Options.Create(options ?? new RoutingOptions()), headroom ?? new FakeModelHeadroom(), latency ?? new FakeModelLatency());

    public static RouteRequest Request(
        string model,
        ModelCapabilities needs = ModelCapabilities.None,
        RoutingHints hints = default,
        int promptTokens = 100,
        int? maxTokens = null) =>
        new(model, hints, needs, promptTokens, maxTokens);
}
