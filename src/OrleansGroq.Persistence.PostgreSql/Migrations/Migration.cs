namespace OrleansGroq.Persistence.PostgreSql.Migrations;

/// <summary>One schema change, applied once per database in its own transaction and recorded in <c>schema_migrations</c>.</summary>
/// <param name="Version">Its place in the order; versions only grow, and an applied migration is never edited.</param>
/// <param name="Description">What it changes, recorded next to the version.</param>
/// <param name="Sql">The statements to run.</param>
internal sealed record Migration(int Version, string Description, string Sql);
