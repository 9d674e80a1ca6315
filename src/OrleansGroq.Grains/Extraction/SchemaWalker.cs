using System.Text.Json;

namespace OrleansGroq.Grains.Extraction;

/// <summary>
/// One validation run over one schema document. With a violation list it reports everything it finds; without
/// one (<see cref="IsValid"/>, and every <c>anyOf</c>/<c>oneOf</c> branch) it stops at the first failure. Not
/// thread-safe: a run owns its path stack.
/// </summary>
internal sealed partial class SchemaWalker(JsonElement root)
{
    // A recursive schema legitimately nests one $ref per instance level (JsonDocument's default depth is 64);
    // the budget stops self-referencing anyOf branches, whose work doubles per level, long before that matters.
    private const int MaxRefDepth = 64;
    private const int RefBudget = 10_000;

    private static readonly Func<SchemaWalker, JsonElement, JsonElement, bool>[] Checks =
    [
        static (w, s, i) => w.CheckRef(s, i),
        static (w, s, i) => w.CheckType(s, i),
        static (w, s, i) => w.CheckEnum(s, i),
        static (w, s, i) => w.CheckConst(s, i),
        static (w, s, i) => w.CheckAllOf(s, i),
        static (w, s, i) => w.CheckAnyOf(s, i),
        static (w, s, i) => w.CheckOneOf(s, i),
        static (w, s, i) => w.CheckObject(s, i),
        static (w, s, i) => w.CheckArray(s, i),
        static (w, s, i) => w.CheckString(s, i),
        static (w, s, i) => w.CheckNumber(s, i),
    ];

    private readonly InstancePath _path = new();
    private List<SchemaViolation>? _violations;
    private int _refDepth;
    private int _refsLeft = RefBudget;

    private bool StopAtFirst => _violations is null;

    public IReadOnlyList<SchemaViolation> Collect(JsonElement schema, JsonElement instance)
    {
        var violations = new List<SchemaViolation>();
        _violations = violations;
        Walk(schema, instance);
        _violations = null;
        return violations;
    }

    public bool IsValid(JsonElement schema, JsonElement instance)
    {
        var saved = _violations;
        _violations = null;
        var valid = Walk(schema, instance);
        _violations = saved;
        return valid;
    }

    private bool Walk(JsonElement schema, JsonElement instance)
    {
        switch (schema.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return Fail("no value is allowed here");
            case JsonValueKind.Object:
                break;
            default:
                return Fail("the schema for this value is not an object or a boolean");
        }

        var valid = true;
        foreach (var check in Checks)
        {
            if (!check(this, schema, instance))
            {
                valid = false;
                if (StopAtFirst)
                {
                    return false;
                }
            }
        }

        return valid;
    }

    private bool WalkChild(JsonElement schema, JsonElement instance, string name)
    {
        _path.Push(name);
        var valid = Walk(schema, instance);
        _path.Pop();
        return valid;
    }

    private bool WalkChild(JsonElement schema, JsonElement instance, int index)
    {
        _path.Push(index);
        var valid = Walk(schema, instance);
        _path.Pop();
        return valid;
    }

    private bool Fail(string message)
    {
        _violations?.Add(new SchemaViolation(_path.ToString(), message));
        return false;
    }

    private bool CheckRef(JsonElement schema, JsonElement instance)
    {
        if (!schema.TryGetProperty("$ref", out var reference))
        {
            return true;
        }

        var text = reference.ValueKind == JsonValueKind.String ? reference.GetString()! : reference.GetRawText();
        if (!SchemaNodes.TryResolveRef(root, text, out var target))
        {
            return Fail($"the schema's $ref '{text}' does not resolve to a local definition");
        }

        if (_refDepth >= MaxRefDepth || _refsLeft <= 0)
        {
            return Fail($"the schema's $ref '{text}' recurses too deep to validate");
        }

        _refDepth++;
        _refsLeft--;
        var valid = Walk(target, instance);
        _refDepth--;
        return valid;
    }

    private bool CheckType(JsonElement schema, JsonElement instance)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return true;
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            return HasType(instance, type) || Fail($"must be of type {type.GetString()}, not {TypeName(instance)}");
        }

        if (type.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        foreach (var option in type.EnumerateArray())
        {
            if (option.ValueKind == JsonValueKind.String && HasType(instance, option))
            {
                return true;
            }
        }

        return Fail($"must be of type {string.Join(" or ", type.EnumerateArray().Select(t => t.ToString()))}, not {TypeName(instance)}");
    }

    private bool CheckEnum(JsonElement schema, JsonElement instance)
    {
        if (!schema.TryGetProperty("enum", out var values) || values.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        foreach (var allowed in values.EnumerateArray())
        {
            if (JsonElement.DeepEquals(allowed, instance))
            {
                return true;
            }
        }

        return Fail($"must be one of {values.GetRawText()}");
    }

    private bool CheckConst(JsonElement schema, JsonElement instance) =>
        !schema.TryGetProperty("const", out var constant)
        || JsonElement.DeepEquals(constant, instance)
        || Fail($"must equal {constant.GetRawText()}");

    private bool CheckAllOf(JsonElement schema, JsonElement instance)
    {
        if (!schema.TryGetProperty("allOf", out var branches) || branches.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var valid = true;
        foreach (var branch in branches.EnumerateArray())
        {
            valid &= Walk(branch, instance);
            if (!valid && StopAtFirst)
            {
                return false;
            }
        }

        return valid;
    }

    private bool CheckAnyOf(JsonElement schema, JsonElement instance)
    {
        if (!schema.TryGetProperty("anyOf", out var branches) || branches.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        foreach (var branch in branches.EnumerateArray())
        {
            if (IsValid(branch, instance))
            {
                return true;
            }
        }

        return Fail("must match at least one schema in anyOf");
    }

    private bool CheckOneOf(JsonElement schema, JsonElement instance)
    {
        if (!schema.TryGetProperty("oneOf", out var branches) || branches.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var matches = 0;
        foreach (var branch in branches.EnumerateArray())
        {
            if (IsValid(branch, instance) && ++matches > 1)
            {
                return Fail("must match exactly one schema in oneOf, but matches more than one");
            }
        }

        return matches == 1 || Fail("must match exactly one schema in oneOf, but matches none");
    }

    private static bool HasType(JsonElement instance, JsonElement typeName) =>
        typeName.ValueEquals("integer")
            ? instance.ValueKind == JsonValueKind.Number && JsonNumbers.IsInteger(instance)
            : typeName.ValueEquals(TypeName(instance));

    private static string TypeName(JsonElement instance) => instance.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "undefined",
    };
}
