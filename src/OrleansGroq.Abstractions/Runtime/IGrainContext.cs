namespace OrleansGroq.Abstractions.Runtime;

/// <summary>The activation a grain instance belongs to; injectable into the grain's constructor.</summary>
public interface IGrainContext
{
    /// <summary>The grain's identity; <see cref="GrainId.Key"/> is what Orleans calls the primary key string.</summary>
    GrainId GrainId { get; }
}
