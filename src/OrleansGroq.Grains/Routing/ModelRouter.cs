using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Routing;

namespace OrleansGroq.Grains.Routing;

/// <summary>
/// Chooses the model for a chat request and the one model to fall back to (seed 000 <c>selectModel</c>, seed 001 §1
/// and §2.3). Thread-safe and allocation-light: a named id with no reroute allowed returns a decision built at start.
/// </summary>
/// <remarks>
/// <para>The client's <c>model</c> is looked up as a catalog id first (exact), then as <c>auto</c>, then as an alias
/// (both case-insensitive); anything else is a 404.</para>
/// <para>An id is served by that model or refused: no capability, context or headroom reroute and no fallback, unless
/// <see cref="RoutingOptions.AllowFallbackForExplicitModels"/> treats ids like aliases or
/// <see cref="RoutingOptions.Fallbacks"/> names a fallback for it.</para>
/// <para>An alias picks its model but lets the router move the request: to the cheapest capable model when the alias's
/// model lacks a needed capability, to the cheapest capable model whose context window fits when the prompt does not
/// fit, and to the capable model with most headroom when the model is near its limit.</para>
/// <para><c>auto</c> takes the first rule that applies and whose target has every needed capability: vision, strict
/// JSON, reasoning, cost-sensitive, a latency budget (the fastest model by live statistics, see below), latency under
/// <see cref="RoutingOptions.LowLatencyMs"/>, prompt over
/// <see cref="RoutingOptions.LongContextTokens"/>, tools or JSON, then the default; when no target can, the cheapest
/// capable model. It then moves like an alias.</para>
/// <para>Alternatives (reroutes and computed fallbacks) are chat models that are not compound, have every needed
/// capability and fit the prompt plus <c>max_tokens</c> and <c>max_tokens</c> itself. The computed fallback is the
/// cheapest of them other than the primary (input plus output price, then the faster, then the id): for the seed
/// catalog that sends the 70B to the 8B and the 8B to gpt-oss-20b. A configured fallback wins when it can serve the
/// request. Headroom prefers the model with strictly more remaining budget than the chosen one (ties: the cheaper),
/// and never a pricier one for a cost-sensitive request.</para>
/// <para>The latency rule reads <see cref="IModelLatency"/>: of the alternatives that can serve the request and have
/// headroom (remaining budget above zero and at least <see cref="RoutingOptions.HeadroomThreshold"/>), the one with the
/// lowest median latency over at least <see cref="RoutingOptions.LatencyMinSamples"/> successful attempts (ties: the
/// cheaper). A model not measured lately is left out rather than guessed at.</para>
/// </remarks>
public sealed class ModelRouter
{
    private const string AutoModel = "auto";

    private readonly RoutingOptions _options;
    private readonly IModelHeadroom _headroom;
    private readonly IModelLatency _latency;
    private readonly FrozenDictionary<string, RouteDecision> _pinned;
    private readonly FrozenDictionary<string, (ModelSpec Model, string Reason)> _aliases;
    private readonly FrozenDictionary<string, ModelSpec> _fallbacks;
    private readonly ModelSpec[] _alternatives;
    private readonly RuleTargets _rules;

    public ModelRouter(ModelCatalog catalog, IOptions<RoutingOptions> options, IModelHeadroom headroom, IModelLatency latency)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(headroom);
        ArgumentNullException.ThrowIfNull(latency);
        _options = options.Value;
        _headroom = headroom;
        _latency = latency;
        var failures = RoutingOptionsValidator.Check(_options, catalog);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(RoutingOptions.SectionName, typeof(RoutingOptions), failures);
        }

        _fallbacks = _options.Fallbacks.ToFrozenDictionary(f => f.Key, f => Resolve(catalog, f.Value), StringComparer.Ordinal);
        _pinned = catalog.Models.ToFrozenDictionary(
            m => m.Id, m => new RouteDecision(m, _fallbacks.GetValueOrDefault(m.Id), RouteReasons.Explicit, null), StringComparer.Ordinal);
        _aliases = catalog.Aliases.ToFrozenDictionary(
            a => a.Key, a => (a.Value, RouteReasons.AliasPrefix + a.Key.ToLowerInvariant()), StringComparer.OrdinalIgnoreCase);
        _alternatives = catalog.Models
            .Where(m => m.Capabilities.HasFlag(ModelCapabilities.Text) && !m.IsCompound())
            .OrderBy(m => m.Price())
            .ThenByDescending(m => m.SpeedTokensPerSecond)
            .ThenBy(m => m.Id, StringComparer.Ordinal)
            .ToArray();
        var rules = _options.RuleModels;
        _rules = new RuleTargets(
            Resolve(catalog, rules.Vision),
            Resolve(catalog, rules.Fast),
            Resolve(catalog, rules.LongContext),
            Resolve(catalog, rules.StrictJson),
            Resolve(catalog, rules.Reasoning),
            Resolve(catalog, rules.ToolsJson),
            Resolve(catalog, rules.Default));
    }

    /// <summary>Routes one request; never throws for a bad request, which gets a decision with an error instead.</summary>
    public RouteDecision Route(RouteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var needs = request.Needs | request.Hints.Needs | ModelCapabilities.Text;
        if (_pinned.TryGetValue(request.Model, out var pinned))
        {
            return _options.AllowFallbackForExplicitModels
                ? Movable(pinned.Primary!, request, needs, RouteReasons.Explicit)
                : Pinned(pinned, request, needs);
        }

        if (string.Equals(request.Model, AutoModel, StringComparison.OrdinalIgnoreCase))
        {
            return Auto(request, needs);
        }

        return _aliases.TryGetValue(request.Model, out var alias)
            ? Movable(alias.Model, request, needs, alias.Reason)
            : Refused(RouteReasons.Explicit, RouteErrors.ModelNotFound(request.Model));
    }

    private static ModelSpec Resolve(ModelCatalog catalog, string idOrAlias) =>
        catalog.TryResolve(idOrAlias, out var model) ? model : throw new InvalidOperationException($"'{idOrAlias}' is not in the model catalog.");

    private static RouteDecision Refused(string reason, RouteError error) => new(null, null, reason, error);

    private static RouteError? Unusable(ModelSpec model, ModelCapabilities needs) =>
        !model.Capabilities.HasFlag(ModelCapabilities.Text) ? RouteErrors.NotChat(model)
        : needs.HasFlag(ModelCapabilities.Tools) && model.IsCompound() ? RouteErrors.ToolsOnCompound(model)
        : null;

    private static bool FitsContext(ModelSpec model, RouteRequest request) =>
        model.ContextWindow <= 0 || (long)request.EstimatedPromptTokens + Math.Max(0, request.MaxTokens ?? 0) <= model.ContextWindow;

    // Groq refuses a max_tokens above the model's completion limit outright, whatever the prompt.
    private static bool FitsOutput(ModelSpec model, RouteRequest request) =>
        request.MaxTokens is not { } maxTokens || model.MaxOutput <= 0 || maxTokens <= model.MaxOutput;

    private static bool CanServe(ModelSpec model, RouteRequest request, ModelCapabilities needs) =>
        model.Satisfies(needs) && FitsContext(model, request) && FitsOutput(model, request);

    private RouteDecision Pinned(RouteDecision pinned, RouteRequest request, ModelCapabilities needs)
    {
        var model = pinned.Primary!;
        if (Unusable(model, needs) is { } unusable)
        {
            return Refused(RouteReasons.Explicit, unusable);
        }

        if (!model.Satisfies(needs))
        {
            return Refused(RouteReasons.Explicit, RouteErrors.Lacks(model, needs & ~model.Capabilities));
        }

        if (!FitsContext(model, request))
        {
            return Refused(RouteReasons.Explicit, RouteErrors.ContextTooLong(model, request, mayMove: false));
        }

        if (!FitsOutput(model, request))
        {
            return Refused(RouteReasons.Explicit, RouteErrors.MaxTokensTooLarge(model, request, mayMove: false));
        }

        return pinned.Fallback is null || CanServe(pinned.Fallback, request, needs) ? pinned : pinned with { Fallback = null };
    }

    private RouteDecision Movable(ModelSpec model, RouteRequest request, ModelCapabilities needs, string reason)
    {
        if (Unusable(model, needs) is { } unusable)
        {
            return Refused(reason, unusable);
        }

        if (!model.Satisfies(needs))
        {
            if (FirstSatisfying(needs) is not { } capable)
            {
                return Refused(reason, RouteErrors.Lacks(model, needs & ~model.Capabilities));
            }

            (model, reason) = (capable, RouteReasons.Capability);
        }

        return Settle(model, request, needs, reason);
    }

    private RouteDecision Auto(RouteRequest request, ModelCapabilities needs)
    {
        var (model, reason) = ByRules(request, needs);
        if (model is null)
        {
            model = FirstSatisfying(needs);
            if (model is null)
            {
                return Refused(RouteReasons.AutoCapable, RouteErrors.NoCapableModel(needs));
            }
        }

        return Settle(model, request, needs, reason);
    }

    private (ModelSpec? Model, string Reason) ByRules(RouteRequest request, ModelCapabilities needs)
    {
        var rules = _rules;
        return needs.HasFlag(ModelCapabilities.Vision) && rules.Vision.Satisfies(needs) ? (rules.Vision, RouteReasons.AutoVision)
            : needs.HasFlag(ModelCapabilities.StrictJson) && rules.StrictJson.Satisfies(needs) ? (rules.StrictJson, RouteReasons.AutoStrictJson)
            : needs.HasFlag(ModelCapabilities.Reasoning) && rules.Reasoning.Satisfies(needs) ? (rules.Reasoning, RouteReasons.AutoReasoning)
            : request.Hints.CostSensitive && rules.Fast.Satisfies(needs) ? (rules.Fast, RouteReasons.AutoCost)
            : request.Hints.MaxLatencyMs is not null && Fastest(request, needs) is { } fastest ? (fastest, RouteReasons.AutoFastest)
            : request.Hints.MaxLatencyMs < _options.LowLatencyMs && rules.Fast.Satisfies(needs) ? (rules.Fast, RouteReasons.AutoLatency)
            : request.EstimatedPromptTokens > _options.LongContextTokens && rules.LongContext.Satisfies(needs) ? (rules.LongContext, RouteReasons.AutoLongContext)
            : (needs & (ModelCapabilities.Tools | ModelCapabilities.Json)) != 0 && rules.ToolsJson.Satisfies(needs) ? (rules.ToolsJson, RouteReasons.AutoToolsJson)
            : rules.Default.Satisfies(needs) ? (rules.Default, RouteReasons.AutoDefault)
            : (null, RouteReasons.AutoCapable);
    }

    // The model is capable; what is left is whether it fits and whether it has room.
    private RouteDecision Settle(ModelSpec model, RouteRequest request, ModelCapabilities needs, string reason)
    {
        if (!FitsContext(model, request))
        {
            if (FirstAlternative(request, needs, except: model, knownWindow: true) is not { } larger)
            {
                return Refused(reason, RouteErrors.ContextTooLong(model, request, mayMove: true));
            }

            (model, reason) = (larger, RouteReasons.Context);
        }

        if (!FitsOutput(model, request))
        {
            if (FirstAlternative(request, needs, except: model, knownWindow: false) is not { } longer)
            {
                return Refused(reason, RouteErrors.MaxTokensTooLarge(model, request, mayMove: true));
            }

            (model, reason) = (longer, RouteReasons.Context);
        }

        var remaining = _headroom.RemainingFraction(model.Id);
        if (remaining < _options.HeadroomThreshold)
        {
            var roomier = MostHeadroom(model, remaining, request, needs);
            if (!ReferenceEquals(roomier, model))
            {
                (model, reason) = (roomier, RouteReasons.Headroom);
            }
        }

        var fallback = _fallbacks.TryGetValue(model.Id, out var configured) && CanServe(configured, request, needs)
            ? configured
            : FirstAlternative(request, needs, except: model, knownWindow: false);
        return new RouteDecision(model, fallback, reason, null);
    }

    // Only models measured lately compete: one with no recent successes may be slow, failing or unused, and sending a
    // budgeted request to find out is what the budget forbids.
    private ModelSpec? Fastest(RouteRequest request, ModelCapabilities needs)
    {
        if (_options.LatencyMinSamples <= 0)
        {
            return null;
        }

        var (best, bestMs) = ((ModelSpec?)null, double.MaxValue);
        foreach (var candidate in _alternatives)
        {
            if (_latency.TryGetLatency(candidate.Id, out var latency)
                && latency.Samples >= _options.LatencyMinSamples
                && latency.P50Ms < bestMs
                && CanServe(candidate, request, needs)
                && HasHeadroom(candidate))
            {
                (best, bestMs) = (candidate, latency.P50Ms);
            }
        }

        return best;
    }

    private bool HasHeadroom(ModelSpec model)
    {
        var remaining = _headroom.RemainingFraction(model.Id);
        return remaining > 0 && remaining >= _options.HeadroomThreshold;
    }

    private ModelSpec? FirstSatisfying(ModelCapabilities needs)
    {
        foreach (var candidate in _alternatives)
        {
            if (candidate.Satisfies(needs))
            {
                return candidate;
            }
        }

        return null;
    }

    // A context reroute needs a known window: a model whose size is unknown is no evidence that the prompt fits.
    private ModelSpec? FirstAlternative(RouteRequest request, ModelCapabilities needs, ModelSpec except, bool knownWindow)
    {
        foreach (var candidate in _alternatives)
        {
            if (!ReferenceEquals(candidate, except) && (!knownWindow || candidate.ContextWindow > 0) && CanServe(candidate, request, needs))
            {
                return candidate;
            }
        }

        return null;
    }

    private ModelSpec MostHeadroom(ModelSpec chosen, double chosenRemaining, RouteRequest request, ModelCapabilities needs)
    {
        var (best, bestRemaining) = (chosen, chosenRemaining);
        var priceCap = request.Hints.CostSensitive ? chosen.Price() : decimal.MaxValue;
        foreach (var candidate in _alternatives)
        {
            if (ReferenceEquals(candidate, chosen) || candidate.Price() > priceCap || !CanServe(candidate, request, needs))
            {
                continue;
            }

            var remaining = _headroom.RemainingFraction(candidate.Id);
            if (remaining > bestRemaining)
            {
                (best, bestRemaining) = (candidate, remaining);
            }
        }

        return best;
    }

    private sealed record RuleTargets(
        ModelSpec Vision, ModelSpec Fast, ModelSpec LongContext, ModelSpec StrictJson, ModelSpec Reasoning, ModelSpec ToolsJson, ModelSpec Default);
}
