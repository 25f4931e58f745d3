using Recommender.AppHost.Extensions;

var builder = DistributedApplication.CreateBuilder(args);

// Data
var recs = builder.AddRecsDatabase();
var bucket = builder.AddRecsBucket();

// Secrets
var adminApiKey = builder.AddParameter(
    "admin-api-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
var dashboardAdminPassword = builder.AddParameter(
    "dashboard-admin-password", new GenerateParameterDefault { MinLength = 20, Special = false }, secret: true, persist: true);

// Services
var scheduler = builder.AddProject<Projects.Scheduler>("scheduler")
    .WithReference(recs).WaitFor(recs)
    .WithS3Bucket(bucket).WaitFor(bucket)
    .WithLocalSampleData()
    .WithHttpHealthCheck("/health");

var recsApi = builder.AddProject<Projects.RecsApi>("recsapi")
    .WithReference(recs).WaitFor(recs)
    .WaitFor(scheduler) // the Scheduler owns the schema: it applies migrations before it reports healthy
    .WithEnvironment("Admin__ApiKey", adminApiKey)
    .WithExternalHttpEndpoints() // ad servers call it from outside
    .WithHttpHealthCheck("/health")
    .WithApiReferenceUrl();

scheduler.WithOperatorCommands(recsApi, adminApiKey);

// Apps
builder.AddProject<Projects.Dashboard>("dashboard")
    .WithReference(recsApi).WaitFor(recsApi)
    .WithEnvironment("Admin__Password", dashboardAdminPassword)
    .WithEnvironment("Admin__ApiKey", adminApiKey) // stays on the Dashboard's server: admin calls add it there
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

builder.Build().Run();
