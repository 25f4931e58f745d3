using Recommender.Scheduler.Cli;
using Recommender.Scheduler.Extensions;

// One binary, two faces: with a command (generate, …) it is a CLI; without, the pipeline service.
if (SchedulerCli.IsCommand(args))
{
    return await SchedulerCli.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSchedulerServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UsePipelineSchedule();

await app.RunAsync();
return 0;
