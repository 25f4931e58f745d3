var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNpgsqlDataSource("recs");

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
