using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using Recommender.Contracts;
using Recommender.Dashboard.Loading;
using Refit;

namespace Recommender.Dashboard.Admin;

/// <summary>
/// The admin actions, run on the server for the signed-in admin: adds the API key (which never leaves
/// the server) and the admin's name as actor, and turns every failure into a sentence.
/// </summary>
public sealed class AdminClient(AdminRecsApiFactory apiFor, IOptions<AdminOptions> options, AuthenticationStateProvider authentication)
{
    public Task<AdminOutcome<QueuedRun>> QueueRunAsync(DateOnly date, CancellationToken cancellationToken = default) =>
        CallAsync((api, key) => api.QueueRunAsync(new QueueRunRequest(date), key, cancellationToken));

    public Task<AdminOutcome<BackfillResponse>> BackfillAsync(BackfillRequest request, CancellationToken cancellationToken = default) =>
        CallAsync((api, key) => api.BackfillAsync(request, key, cancellationToken));

    public Task<AdminOutcome<RunActionResponse>> ResumeAsync(long runId, CancellationToken cancellationToken = default) =>
        CallAsync((api, key) => api.ResumeRunAsync(runId, key, cancellationToken));

    public Task<AdminOutcome<RunActionResponse>> CancelAsync(long runId, CancellationToken cancellationToken = default) =>
        CallAsync((api, key) => api.CancelRunAsync(runId, key, cancellationToken));

    private async Task<AdminOutcome<T>> CallAsync<T>(Func<IRecsApi, string, Task<IApiResponse<T>>> call)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (!user.IsInRole(AdminOptions.Role))
        {
            return AdminOutcome<T>.Failed("Sign in as admin to do this.");
        }

        try
        {
            var response = await call(apiFor($"dashboard:{user.FindFirstValue(ClaimTypes.Name)}"), options.Value.ApiKey);
            return response is { IsSuccessful: true, Content: { } content }
                ? AdminOutcome<T>.Ok(content)
                : AdminOutcome<T>.Failed(Describe(response.Error));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || exception is TaskCanceledException)
        {
            return AdminOutcome<T>.Failed(Describe(exception));
        }
    }

    private static string Describe(Exception? exception)
    {
        if (exception is ApiException api && LoadFailure.ReadProblem(api.Content) is { } problem)
        {
            return problem.Detail is { Length: > 0 } detail ? $"{problem.Title}: {detail}" : problem.Title ?? "RecsApi refused the action.";
        }

        var failure = LoadFailure.From(exception ?? new InvalidOperationException());
        return $"{failure.Title}. {failure.Message}";
    }
}
