using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting;

public static class ParentStateExtensions
{
    /// <summary>
    /// Gives a child resource (a database, a bucket) its parent executable's state. Aspire does this
    /// for children of containers only; without it a child never reaches Running and WaitFor never ends.
    /// </summary>
    public static IResourceBuilder<T> WithParentState<T>(this IResourceBuilder<T> builder)
        where T : IResourceWithParent
    {
        var child = builder.Resource;
        builder.ApplicationBuilder.Eventing.Subscribe<InitializeResourceEvent>(child, (@event, cancellationToken) =>
        {
            var stopping = @event.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = Task.Run(() => MirrorAsync(@event.Notifications, child, stopping), stopping);
            return Task.CompletedTask;
        });
        return builder;
    }

    private static async Task MirrorAsync(ResourceNotificationService notifications, IResourceWithParent child, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(cancellationToken))
            {
                if (ReferenceEquals(update.Resource, child.Parent))
                {
                    var parent = update.Snapshot;
                    await notifications.PublishUpdateAsync(child, s => s with
                    {
                        State = parent.State,
                        StartTimeStamp = parent.StartTimeStamp,
                        StopTimeStamp = parent.StopTimeStamp,
                    });
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
