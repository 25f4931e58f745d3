namespace Recommender.Tests.Infrastructure;

/// <summary>Base of whole-stack test classes: the shared stack is up before each test runs.</summary>
public abstract class StackTest(StackFixture stack) : IAsyncLifetime
{
    protected StackFixture Stack { get; } = stack;

    public virtual async ValueTask InitializeAsync() => await Stack.StartAsync();

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
