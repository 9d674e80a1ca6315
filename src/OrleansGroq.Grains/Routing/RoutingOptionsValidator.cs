using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Routing;

namespace OrleansGroq.Grains.Routing;

/// <summary>Stops the process at start on bad routing settings, naming each one, checked against the model catalog.</summary>
internal sealed class RoutingOptionsValidator(ModelCatalog catalog) : IValidateOptions<RoutingOptions>
{
    private const string Section = RoutingOptions.SectionName;
    private const string RuleSection = $"{Section}:{nameof(RoutingOptions.RuleModels)}";

    public ValidateOptionsResult Validate(string? name, RoutingOptions options)
    {
        var failures = Check(options, catalog);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Every failure, each naming its setting; empty when the options are usable.</summary>
    public static List<string> Check(RoutingOptions options, ModelCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);
        var failures = new List<string>();
        if (options.LongContextTokens <= 0)
        {
            failures.Add($"{Section}:{nameof(options.LongContextTokens)} must be positive (is {options.LongContextTokens}).");
        }

        if (options.LowLatencyMs < 0)
        {
            failures.Add($"{Section}:{nameof(options.LowLatencyMs)} must not be negative (is {options.LowLatencyMs}).");
        }

        if (options.LatencyMinSamples < 0)
        {
            failures.Add($"{Section}:{nameof(options.LatencyMinSamples)} must not be negative (is {options.LatencyMinSamples}).");
        }

        if (!(options.HeadroomThreshold is >= 0 and <= 1))
        {
            failures.Add($"{Section}:{nameof(options.HeadroomThreshold)} must be from 0 to 1 (is {options.HeadroomThreshold}).");
        }

        var rules = options.RuleModels;
        CheckRule(failures, catalog, nameof(rules.Vision), rules.Vision, ModelCapabilities.Vision);
        CheckRule(failures, catalog, nameof(rules.Fast), rules.Fast, ModelCapabilities.None);
        CheckRule(failures, catalog, nameof(rules.LongContext), rules.LongContext, ModelCapabilities.None);
        CheckRule(failures, catalog, nameof(rules.StrictJson), rules.StrictJson, ModelCapabilities.StrictJson | ModelCapabilities.Json);
        CheckRule(failures, catalog, nameof(rules.Reasoning), rules.Reasoning, ModelCapabilities.Reasoning);
        CheckRule(failures, catalog, nameof(rules.ToolsJson), rules.ToolsJson, ModelCapabilities.Tools | ModelCapabilities.Json);
        CheckRule(failures, catalog, nameof(rules.Default), rules.Default, ModelCapabilities.None);
        foreach (var (model, fallback) in options.Fallbacks)
        {
            CheckFallback(failures, catalog, model, fallback);
        }

        return failures;
    }

    private static void CheckRule(List<string> failures, ModelCatalog catalog, string rule, string? idOrAlias, ModelCapabilities needs)
    {
        var setting = $"{RuleSection}:{rule}";
        if (string.IsNullOrWhiteSpace(idOrAlias) || !catalog.TryResolve(idOrAlias, out var model))
        {
            failures.Add($"{setting} names '{idOrAlias}', which is not a model id or alias in {ModelCatalogOptions.SectionName}:Catalog.");
        }
        else if (!model.Satisfies(needs | ModelCapabilities.Text))
        {
            failures.Add($"{setting} names '{idOrAlias}', which lacks a capability the rule needs ({needs | ModelCapabilities.Text}).");
        }
    }

    private static void CheckFallback(List<string> failures, ModelCatalog catalog, string model, string? fallback)
    {
        var setting = $"{Section}:{nameof(RoutingOptions.Fallbacks)}:{model}";
        if (!catalog.TryResolve(model, out var from) || from.Id != model)
        {
            failures.Add($"{setting}: '{model}' is not a model id in {ModelCatalogOptions.SectionName}:Catalog.");
        }

        if (string.IsNullOrWhiteSpace(fallback) || !catalog.TryResolve(fallback, out var to))
        {
            failures.Add($"{setting} names '{fallback}', which is not a model id or alias in {ModelCatalogOptions.SectionName}:Catalog.");
        }
        else if (to.Id == model)
        {
            failures.Add($"{setting} names the model itself.");
        }
        else if (!to.Capabilities.HasFlag(ModelCapabilities.Text) || to.IsCompound())
        {
            failures.Add($"{setting} names '{fallback}', which cannot stand in for a chat model (audio and compound models cannot).");
        }
    }
}
