namespace OrleansGroq.Silo.Endpoints;

/// <summary>The gateway's own field on a <c>/models</c> entry that is an alias: the model it stands for.</summary>
public sealed record ModelAliasInfo(string AliasOf);
