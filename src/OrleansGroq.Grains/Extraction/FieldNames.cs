namespace OrleansGroq.Grains.Extraction;

/// <summary>
/// Maps the many spellings of a field (<c>upi_id</c>, <c>upiIds</c>, <c>UPI</c>) to one key, so a client's schema
/// finds the local pattern written for it. Both property names and pattern names go through it.
/// </summary>
internal static class FieldNames
{
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["upi"] = "upiid",
        ["upiaddress"] = "upiid",
        ["vpa"] = "upiid",
        ["phone"] = "phonenumber",
        ["phoneno"] = "phonenumber",
        ["mobile"] = "phonenumber",
        ["mobileno"] = "phonenumber",
        ["mobilenumber"] = "phonenumber",
        ["emailaddress"] = "email",
        ["emailid"] = "email",
        ["link"] = "url",
        ["website"] = "url",
        ["ifsc"] = "ifsccode",
        ["accountnumber"] = "bankaccount",
        ["accountno"] = "bankaccount",
        ["bankaccountnumber"] = "bankaccount",
    };

    /// <summary>Lowercase letters and digits only, singular, then the shared synonym if there is one.</summary>
    public static string Canonical(string name)
    {
        var key = Singular(string.Concat(name.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant)));
        return Synonyms.GetValueOrDefault(key, key);
    }

    private static string Singular(string key)
    {
        if (key.Length > 3 && key.EndsWith("ies", StringComparison.Ordinal))
        {
            return key[..^3] + "y";
        }

        if (key.EndsWith("sses", StringComparison.Ordinal))
        {
            return key[..^2];
        }

        return key.Length > 1 && key[^1] == 's' && key[^2] != 's' ? key[..^1] : key;
    }
}
