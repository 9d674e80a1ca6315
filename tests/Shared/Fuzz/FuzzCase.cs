namespace OrleansGroq.Testing.Fuzz;

/// <summary>
/// One request of a fuzz run. <see cref="Name"/> groups cases of one kind (<c>route/field/mutation</c>) in reports;
/// <see cref="Detail"/> is the value or variant tried.
/// </summary>
internal sealed record FuzzCase(string Name, string Detail, FuzzCaseKind Kind, FuzzRequest Request)
{
    public static FuzzCase Valid(string name, string detail, FuzzRequest request) => new(name, detail, FuzzCaseKind.Valid, request);

    public static FuzzCase Invalid(string name, string detail, FuzzRequest request) => new(name, detail, FuzzCaseKind.Invalid, request);

    public static FuzzCase Abandoned(string name, string detail, FuzzRequest request) => new(name, detail, FuzzCaseKind.Abandoned, request);

    public static FuzzCase Unparsable(string name, string detail, FuzzRequest request) => new(name, detail, FuzzCaseKind.Unparsable, request);
}
