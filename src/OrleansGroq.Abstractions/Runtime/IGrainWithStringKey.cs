namespace OrleansGroq.Abstractions.Runtime;

/// <summary>
/// Marks a grain interface whose activations are identified by a string key, as in Orleans.
/// Every method of such an interface returns a <see cref="Task"/> or <see cref="ValueTask"/>.
/// </summary>
public interface IGrainWithStringKey;
