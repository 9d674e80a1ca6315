namespace OrleansGroq.Testing.Fuzz.Bodies;

/// <summary>The JSON type a documented field takes, which decides what a wrong type for it is.</summary>
internal enum FieldKind
{
    /// <summary>Free text (a message's content, <c>user</c>).</summary>
    Text,

    /// <summary>A string from a fixed set or a catalog (a model id, a role, <c>service_tier</c>).</summary>
    Choice,

    Number,

    Integer,

    Boolean,

    Object,

    Array,

    /// <summary>A string or an array (<c>content</c>, <c>stop</c>).</summary>
    TextOrArray,

    /// <summary>A string from a fixed set or an object (<c>tool_choice</c>).</summary>
    ChoiceOrObject,
}
