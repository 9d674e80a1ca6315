using OrleansGroq.Silo.Hosting;

await using var app = await GatewayApp.CreateAsync(args);
await app.RunAsync();
