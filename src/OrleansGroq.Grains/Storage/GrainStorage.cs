namespace OrleansGroq.Grains.Storage;

/// <summary>The grain storage provider every grain's persistent state is kept in: in memory on one node, PostgreSQL in a cluster.</summary>
public static class GrainStorage
{
    /// <summary>The provider's name, which the host registers and each grain's <c>[PersistentState]</c> names.</summary>
    public const string Name = "orleansgroq";
}
