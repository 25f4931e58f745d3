using System.Net;
using Npgsql;
using Recommender.Contracts;
using Refit;

namespace Recommender.Tests.Api;

/// <summary>
/// Admin calls for tests: they wait out the rate limit (which other tests may have spent) and
/// remember the runs they created, so a test can delete them again.
/// </summary>
public sealed class AdminCalls(IRecsApi api)
{
    private readonly List<long> _created = [];

    public async Task<IApiResponse<T>> SendAsync<T>(Func<Task<IApiResponse<T>>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await call();
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == 30)
            {
                return response;
            }

            await Task.Delay(response.Headers?.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        }
    }

    public async Task<IApiResponse<QueuedRun>> QueueRunAsync(DateOnly date, string apiKey)
    {
        var response = await SendAsync(() => api.QueueRunAsync(new QueueRunRequest(date), apiKey, TestContext.Current.CancellationToken));
        if (response.Content is { Created: true } run)
        {
            _created.Add(run.RunId);
        }

        return response;
    }

    public async Task<IApiResponse<BackfillResponse>> BackfillAsync(DateOnly from, DateOnly to, string apiKey) =>
        await BackfillAsync(new BackfillRequest(from, to), apiKey);

    public async Task<IApiResponse<BackfillResponse>> BackfillAsync(BackfillRequest request, string apiKey)
    {
        var response = await SendAsync(() => api.BackfillAsync(request, apiKey, TestContext.Current.CancellationToken));
        _created.AddRange(response.Content?.Runs.Where(r => r.Created).Select(r => r.RunId) ?? []);
        return response;
    }

    /// <summary>Remembers a run created another way (a raw HTTP call), so it is deleted with the others.</summary>
    public void Created(long runId) => _created.Add(runId);

    /// <summary>
    /// Deletes the runs these calls created, so the ledger holds only what the pipeline did. A run a
    /// worker is working on is left to finish first (a pipeline worker fails such old dates quickly).
    /// </summary>
    public async Task DeleteCreatedRunsAsync(NpgsqlDataSource dataSource)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (_created.Count > 0 && clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            await using var delete = dataSource.CreateCommand(
                "DELETE FROM pipeline_runs WHERE id = ANY($1) AND status <> 'running' RETURNING id");
            delete.Parameters.Add(new NpgsqlParameter { Value = _created.ToArray() });
            await using (var reader = await delete.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    _created.Remove(reader.GetInt64(0));
                }
            }

            if (_created.Count > 0)
            {
                await Task.Delay(500);
            }
        }
    }
}
