namespace OrleansGroq.Persistence.PostgreSql.Migrations;

/// <summary>Version 4: a key's cooldown names the model whose limits caused it, since Groq limits each model apart.</summary>
internal static class M0004CoolingModel
{
    // NULL is every model: rows written before this version keep their meaning.
    private const string Sql = """
        ALTER TABLE api_key_state ADD COLUMN cooling_model text COLLATE "C" NULL;
        """;

    public static Migration Migration { get; } = new(4, "api key cooldowns scoped to the model whose limits caused them", Sql);
}
