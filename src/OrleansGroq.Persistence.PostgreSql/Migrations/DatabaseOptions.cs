namespace OrleansGroq.Persistence.PostgreSql.Migrations;

/// <summary>Schema settings, bound from <c>Database</c>.</summary>
internal sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>
    /// Whether a node brings the schema up to date as it starts. Turn it off where migrations run as a separate
    /// deployment step, or where the application's database role may not change the schema.
    /// </summary>
    public bool ApplyMigrations { get; set; } = true;
}
