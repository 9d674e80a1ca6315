using OrleansGroq.Sample;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOrleansGroqClient(builder.Configuration.GetSection("OrleansGroq"));

var app = builder.Build();
app.MapAskApi();
app.MapChatsApi();
app.Run();
