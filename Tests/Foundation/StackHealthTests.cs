using Aspire.Hosting.ApplicationModel;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Foundation;

public sealed class StackHealthTests(StackFixture stack) : StackTest(stack)
{
    [Theory]
    [MemberData(nameof(ResourceNames))]
    public void Resource_is_running_and_healthy(string resource)
    {
        Assert.True(Stack.Notifications.TryGetCurrentState(resource, out var state), $"{resource} has no state");
        Assert.Equal(KnownResourceStates.Running, state.Snapshot.State?.Text);
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, state.Snapshot.HealthStatus);
    }

    public static TheoryData<string> ResourceNames() => [.. StackFixture.Resources];

    [Theory]
    [InlineData("scheduler")]
    [InlineData("recsapi")]
    [InlineData("dashboard")]
    public async Task Service_answers_health_and_alive(string resource)
    {
        using var http = Stack.CreateHttpClient(resource);

        using var health = await http.GetAsync("/health", TestContext.Current.CancellationToken);
        using var alive = await http.GetAsync("/alive", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, alive.StatusCode);
    }
}
