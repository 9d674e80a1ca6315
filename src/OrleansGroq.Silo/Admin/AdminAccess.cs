namespace OrleansGroq.Silo.Admin;

/// <summary>What the admin authenticator decided about a caller.</summary>
internal enum AdminAccess
{
    /// <summary>The caller may use the admin routes.</summary>
    Granted,

    /// <summary>A token is configured and the caller sent none, or another one: 401.</summary>
    Unauthorized,

    /// <summary>No token is configured and the caller is not on loopback: the routes do not exist for it (404).</summary>
    Hidden,
}
