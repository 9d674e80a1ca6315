using OrleansGroq.Silo.Hosting;

if (HealthProbe.Requested(args) is { } probe)
{
    return await HealthProbe.RunAsync(probe);
}

await using var app = await GatewayApp.CreateAsync(args);
await app.RunAsync();
return 0;
