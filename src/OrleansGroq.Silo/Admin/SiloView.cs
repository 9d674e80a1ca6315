namespace OrleansGroq.Silo.Admin;

/// <summary>One silo as membership knows it.</summary>
/// <param name="Address">Its endpoint and generation, as Orleans writes a silo address.</param>
/// <param name="Status">Orleans' membership status: <c>Active</c>, <c>Joining</c>, <c>ShuttingDown</c>, <c>Dead</c>...</param>
/// <param name="Name">Its name (<c>Orleans:SiloName</c>).</param>
public sealed record SiloView(string Address, string Status, string Name);
