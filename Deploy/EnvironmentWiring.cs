using System.Text.RegularExpressions;
using Amazon.CDK.AWS.SecretsManager;
using Recommender.Deploy.Manifest;

namespace Recommender.Deploy;

/// <summary>What one service's task gets from its manifest environment.</summary>
/// <param name="Environment">Plain variables: nothing secret.</param>
/// <param name="Secrets">Variables injected by ECS from Secrets Manager.</param>
/// <param name="Uses">Every manifest resource the service refers to, directly or through a connection string.</param>
public sealed record ServiceWiring(
    IReadOnlyDictionary<string, string> Environment, IReadOnlyDictionary<string, ISecret> Secrets, IReadOnlySet<string> Uses);

/// <summary>
/// Turns manifest expressions (<c>{resource.property}</c>) into values in AWS: secrets stay secrets,
/// endpoints become Cloud Map names, parameters take what the stack provides.
/// </summary>
public sealed partial class EnvironmentWiring(
    AspireManifest manifest,
    IReadOnlyDictionary<string, string> plainParameters,
    IReadOnlyDictionary<string, ISecret> secrets,
    string serviceNamespace,
    int containerPort)
{
    public ServiceWiring Resolve(ManifestProject project)
    {
        var environment = new Dictionary<string, string>();
        var secretVariables = new Dictionary<string, ISecret>();
        var uses = new HashSet<string>();
        foreach (var (variable, expression) in project.Environment)
        {
            if (WholeReference().Match(expression) is { Success: true } whole && SecretOf(whole) is { } secret)
            {
                secretVariables[variable] = secret;
                uses.Add(whole.Groups["resource"].Value);
                continue;
            }

            if (Substitute(expression, $"{project.Name}: {variable}", uses) is { } value)
            {
                environment[variable] = value;
            }
        }

        return new ServiceWiring(environment, secretVariables, uses);
    }

    private ISecret? SecretOf(Match reference) =>
        secrets.TryGetValue(reference.Groups["resource"].Value, out var secret)
        && reference.Groups["property"].Value is "value" or "connectionString"
            ? secret
            : null;

    /// <summary>The expression with every reference replaced; null when it names an HTTPS endpoint (TLS ends at the load balancer).</summary>
    private string? Substitute(string expression, string where, HashSet<string> uses)
    {
        var dropped = false;
        var value = Reference().Replace(expression, match =>
        {
            var resource = match.Groups["resource"].Value;
            var property = match.Groups["property"].Value;
            uses.Add(resource);
            if (secrets.ContainsKey(resource))
            {
                throw new InvalidOperationException(
                    $"{where} embeds the secret '{resource}' in a longer value; a secret must be a variable of its own to be injected by ECS.");
            }

            switch (property)
            {
                case "bindings.http.targetPort":
                    return containerPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
                case "bindings.http.url":
                    return $"http://{resource}.{serviceNamespace}:{containerPort}";
                case var https when https.StartsWith("bindings.https.", StringComparison.Ordinal):
                    dropped = true;
                    return "";
                case "value" when plainParameters.TryGetValue(resource, out var provided):
                    return provided;
                case "value" when manifest.Parameters.TryGetValue(resource, out var parameter) && parameter.DefaultValue is { } fallback:
                    return fallback;
                case "connectionString" when manifest.ConnectionStrings.TryGetValue(resource, out var connectionString):
                    return Substitute(connectionString, where, uses) ?? "";
                default:
                    throw new InvalidOperationException(
                        $"{where} refers to '{match.Value}', which the stack cannot provide: give it with -c parameter:{resource}=<value>.");
            }
        });
        return dropped ? null : value;
    }

    [GeneratedRegex(@"\{(?<resource>[a-z0-9-]+)\.(?<property>[A-Za-z0-9.]+)\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^\{(?<resource>[a-z0-9-]+)\.(?<property>[A-Za-z0-9.]+)\}$")]
    private static partial Regex WholeReference();
}
