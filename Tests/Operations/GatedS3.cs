using System.Collections.Concurrent;
using System.Reflection;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Recommender.Tests.Infrastructure;
using Recommender.Tests.Pipeline.Stack;

namespace Recommender.Tests.Operations;

/// <summary>
/// The real S3 client with a hook for tests: downloads (GetObject) of keys ending in a given suffix
/// can be held until released, or fail. The step that reads them is then known to be running (or to fail).
/// Uploads (PutObject) can be held too: the step that writes them has done its work but not finished.
/// </summary>
public class GatedS3 : DispatchProxy
{
    private static readonly MethodInfo GatedMethod = typeof(GatedS3).GetMethod(nameof(GatedAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _holds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _uploadHolds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _faults = new(StringComparer.Ordinal);
    private IAmazonS3 _inner = null!;

    /// <summary>Replaces the harness's S3 client with a gated one; returns the gate.</summary>
    public static GatedS3 Install(HostApplicationBuilder builder)
    {
        var proxy = Create<IAmazonS3, GatedS3>();
        var gate = (GatedS3)(object)proxy;
        var real = builder.Services.Last(d => d.ServiceType == typeof(IAmazonS3));
        builder.Services.AddSingleton(sp =>
        {
            gate._inner = (IAmazonS3)real.ImplementationFactory!(sp);
            return proxy;
        });
        return gate;
    }

    /// <summary>A pipeline harness whose S3 client is gated, with tiny raw data of <paramref name="days"/> days up to <paramref name="last"/>.</summary>
    public static async Task<(PipelineHarness Harness, GatedS3 Gate)> HarnessAsync(StackFixture stack, DateOnly last, int days = 1)
    {
        GatedS3 gate = null!;
        var harness = await PipelineHarness.CreateAsync(stack, configure: builder => gate = Install(builder));
        await harness.GenerateAsync(PipelineHarness.Tiny(last, days));
        return (harness, gate);
    }

    /// <summary>Holds downloads of keys ending in <paramref name="suffix"/> until <see cref="Release"/>.</summary>
    public void Hold(string suffix) => _holds[suffix] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Holds uploads of keys ending in <paramref name="suffix"/> until <see cref="Release"/>.</summary>
    public void HoldUploads(string suffix) => _uploadHolds[suffix] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release(string suffix)
    {
        foreach (var holds in new[] { _holds, _uploadHolds })
        {
            if (holds.TryRemove(suffix, out var hold))
            {
                hold.TrySetResult();
            }
        }
    }

    /// <summary>Fails downloads of keys ending in <paramref name="suffix"/> (not retried) until <see cref="Heal"/>.</summary>
    public void Fail(string suffix) => _faults[suffix] = $"injected fault reading *{suffix}";

    public void Heal(string suffix) => _faults.TryRemove(suffix, out _);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod is { Name: nameof(IAmazonS3.GetObjectAsync) } && args is [GetObjectRequest request, CancellationToken token])
        {
            var hold = _holds.FirstOrDefault(h => request.Key.EndsWith(h.Key, StringComparison.Ordinal)).Value;
            var fault = _faults.FirstOrDefault(f => request.Key.EndsWith(f.Key, StringComparison.Ordinal)).Value;
            if (hold is not null || fault is not null)
            {
                return GatedMethod.Invoke(this, [hold?.Task, fault, request, token]);
            }
        }

        if (targetMethod is { Name: nameof(IAmazonS3.PutObjectAsync) } && args is [PutObjectRequest put, CancellationToken putToken]
            && _uploadHolds.FirstOrDefault(h => put.Key.EndsWith(h.Key, StringComparison.Ordinal)).Value is { } putHold)
        {
            return GatedPutAsync(putHold.Task, put, putToken);
        }

        try
        {
            return targetMethod!.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }

    private async Task<GetObjectResponse> GatedAsync(Task? hold, string? fault, GetObjectRequest request, CancellationToken cancellationToken)
    {
        if (hold is not null)
        {
            await hold.WaitAsync(cancellationToken);
        }

        if (fault is not null)
        {
            throw new InvalidOperationException(fault);
        }

        return await _inner.GetObjectAsync(request, cancellationToken);
    }

    private async Task<PutObjectResponse> GatedPutAsync(Task hold, PutObjectRequest request, CancellationToken cancellationToken)
    {
        await hold.WaitAsync(cancellationToken);
        return await _inner.PutObjectAsync(request, cancellationToken);
    }
}
