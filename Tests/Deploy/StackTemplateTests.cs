using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;

namespace Recommender.Tests.Deploy;

[Collection(DeployCollection.Name)]
public sealed class StackTemplateTests(SynthesizedStacks stacks)
{
    [Fact]
    public void Every_manifest_project_is_one_ECS_service()
    {
        stacks.SystemStack.ResourceCountIs("AWS::ECS::Service", stacks.Manifest.Projects.Count);
        foreach (var project in stacks.Manifest.Projects)
        {
            stacks.SystemStack.HasResourceProperties("AWS::ECS::Service", Match.ObjectLike(new Dictionary<string, object>
            {
                ["ServiceName"] = project.Name,
                ["LaunchType"] = "FARGATE",
            }));
        }

        Assert.Equal(["dashboard", "recsapi", "scheduler"], stacks.Manifest.Projects.Select(project => project.Name).Order());
    }

    [Fact]
    public void Every_service_has_an_image_repository_named_for_it()
    {
        stacks.Repositories.ResourceCountIs("AWS::ECR::Repository", stacks.Manifest.Projects.Count);
        foreach (var project in stacks.Manifest.Projects)
        {
            stacks.Repositories.HasResourceProperties("AWS::ECR::Repository", Match.ObjectLike(new Dictionary<string, object>
            {
                ["RepositoryName"] = "recommender/" + project.Name,
            }));
        }
    }

    [Fact]
    public void Each_task_gets_its_manifest_environment_with_endpoints_in_AWS()
    {
        foreach (var project in stacks.Manifest.Projects)
        {
            var container = Container(stacks.SystemJson, project.Name);
            var expected = project.Environment.Keys
                .Where(variable => !project.Environment[variable].Contains(".bindings.https.", StringComparison.Ordinal))
                .Order();
            Assert.Equal(expected, Names(container, "Environment").Concat(Names(container, "Secrets")).Where(name => !name.StartsWith("Schedule__", StringComparison.Ordinal)).Order());
            Assert.Equal("8080", Value(container, "HTTP_PORTS"));
        }

        Assert.Equal("http://recsapi.recommender.internal:8080", Value(Container(stacks.SystemJson, "dashboard"), "services__recsapi__http__0"));
        var storage = Container(stacks.SystemJson, "scheduler")["Environment"]!.AsArray()
            .Single(variable => variable!["Name"]!.GetValue<string>() == "ConnectionStrings__storage")!["Value"]!.ToJsonString();
        Assert.Contains("Bucket=", storage);
        Assert.Contains(BucketLogicalId(), storage);
        Assert.Contains(";Region=eu-west-1", storage);
    }

    [Fact]
    public void Secrets_reach_tasks_as_ECS_secrets_never_as_plain_environment()
    {
        var secretNames = stacks.Manifest.Parameters.Values.Where(parameter => parameter.IsSecret).Select(parameter => parameter.Name).ToHashSet();
        foreach (var project in stacks.Manifest.Projects)
        {
            var container = Container(stacks.SystemJson, project.Name);
            var secretVariables = project.Environment
                .Where(pair => secretNames.Any(secret => pair.Value.Contains("{" + secret + ".", StringComparison.Ordinal)))
                .Select(pair => pair.Key)
                .Order();
            Assert.Equal(secretVariables, Names(container, "Secrets").Order());
            Assert.DoesNotContain("resolve:secretsmanager", container["Environment"]!.ToJsonString());
        }

        Assert.Equal(["Admin__ApiKey", "ConnectionStrings__recs"], Names(Container(stacks.SystemJson, "recsapi"), "Secrets").Order());
        stacks.SystemStack.HasResourceProperties("AWS::SecretsManager::Secret", Match.ObjectLike(new Dictionary<string, object>
        {
            ["GenerateSecretString"] = Match.ObjectLike(new Dictionary<string, object> { ["PasswordLength"] = 32, ["ExcludePunctuation"] = true }),
        }));
    }

    [Fact]
    public void The_database_is_private_encrypted_and_single_AZ_unless_asked()
    {
        stacks.SystemStack.ResourceCountIs("AWS::RDS::DBInstance", 1);
        stacks.SystemStack.HasResourceProperties("AWS::RDS::DBInstance", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Engine"] = "postgres",
            ["PubliclyAccessible"] = false,
            ["StorageEncrypted"] = true,
            ["MultiAZ"] = false,
            ["DBName"] = "recs",
        }));
        // Reachable only from the services that name the database, on its port.
        var ingress = Resources(stacks.SystemJson, "AWS::EC2::SecurityGroupIngress")
            .Where(rule => rule["Properties"]!["Description"]!.GetValue<string>().EndsWith("uses the database", StringComparison.Ordinal))
            .Select(rule => rule["Properties"]!["Description"]!.GetValue<string>().Split(' ')[0])
            .Order();
        Assert.Equal(["recsapi", "scheduler"], ingress);
    }

    [Fact]
    public void The_bucket_is_encrypted_versioned_private_and_expires_runs_after_30_days()
    {
        stacks.SystemStack.HasResourceProperties("AWS::S3::Bucket", new Dictionary<string, object>
        {
            ["BucketEncryption"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["ServerSideEncryptionConfiguration"] = Match.ArrayWith([Match.ObjectLike(new Dictionary<string, object>
                {
                    ["ServerSideEncryptionByDefault"] = new Dictionary<string, object> { ["SSEAlgorithm"] = "AES256" },
                })]),
            }),
            ["VersioningConfiguration"] = new Dictionary<string, object> { ["Status"] = "Enabled" },
            ["PublicAccessBlockConfiguration"] = new Dictionary<string, object>
            {
                ["BlockPublicAcls"] = true,
                ["BlockPublicPolicy"] = true,
                ["IgnorePublicAcls"] = true,
                ["RestrictPublicBuckets"] = true,
            },
            ["LifecycleConfiguration"] = new Dictionary<string, object>
            {
                ["Rules"] = Match.ArrayWith([Match.ObjectLike(new Dictionary<string, object>
                {
                    ["Prefix"] = "runs/",
                    ["ExpirationInDays"] = 30,
                    ["Status"] = "Enabled",
                })]),
            },
        });
    }

    [Fact]
    public void Only_the_Scheduler_may_use_the_bucket_and_only_that_bucket()
    {
        var s3Policies = Resources(stacks.SystemJson, "AWS::IAM::Policy")
            .Where(policy => Statements(policy).Any(statement => Actions(statement).Any(action => action.StartsWith("s3:", StringComparison.Ordinal))))
            .ToList();

        var policy = Assert.Single(s3Policies);
        Assert.Equal(TaskRoleOf("scheduler"), Assert.Single(policy["Properties"]!["Roles"]!.AsArray())!["Ref"]!.GetValue<string>());
        foreach (var statement in Statements(policy).Where(statement => Actions(statement).Any(action => action.StartsWith("s3:", StringComparison.Ordinal))))
        {
            var resources = statement["Resource"] is JsonArray many ? many.ToList() : [statement["Resource"]];
            Assert.All(resources, resource => Assert.Contains(BucketLogicalId(), resource!.ToJsonString()));
            Assert.DoesNotContain("\"*\"", statement["Resource"]!.ToJsonString());
        }
    }

    [Fact]
    public void The_API_autoscales_from_2_to_10_tasks_on_CPU_and_request_count()
    {
        stacks.SystemStack.HasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget", Match.ObjectLike(new Dictionary<string, object>
        {
            ["MinCapacity"] = 2,
            ["MaxCapacity"] = 10,
            ["ScalableDimension"] = "ecs:service:DesiredCount",
        }));
        var metrics = Resources(stacks.SystemJson, "AWS::ApplicationAutoScaling::ScalingPolicy")
            .Select(policy => policy["Properties"]!["TargetTrackingScalingPolicyConfiguration"]!["PredefinedMetricSpecification"]!["PredefinedMetricType"]!.GetValue<string>())
            .Order();
        Assert.Equal(["ALBRequestCountPerTarget", "ECSServiceAverageCPUUtilization"], metrics);
    }

    [Fact]
    public void Public_services_are_behind_internet_facing_load_balancers_that_probe_health()
    {
        var external = stacks.Manifest.Projects.Where(project => project.IsExternal).Select(project => project.Name).Order().ToList();
        Assert.Equal(["dashboard", "recsapi"], external);
        stacks.SystemStack.ResourceCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", external.Count);
        stacks.SystemStack.AllResourcesProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Scheme"] = "internet-facing",
        }));
        stacks.SystemStack.AllResourcesProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Match.ObjectLike(new Dictionary<string, object>
        {
            ["HealthCheckPath"] = "/health",
            ["Port"] = 80,
        }));
        // The Scheduler runs as exactly one task, with no load balancer.
        var scheduler = Resources(stacks.SystemJson, "AWS::ECS::Service").Single(service => service["Properties"]!["ServiceName"]!.GetValue<string>() == "scheduler");
        Assert.Equal(1, scheduler["Properties"]!["DesiredCount"]!.GetValue<int>());
        Assert.Null(scheduler["Properties"]!["LoadBalancers"]);
    }

    [Fact]
    public void The_schedule_from_context_reaches_the_Scheduler_only()
    {
        var scheduler = Container(stacks.SystemJson, "scheduler");
        Assert.Equal("30 3 * * *", Value(scheduler, "Schedule__Cron"));
        Assert.Equal("Europe/Berlin", Value(scheduler, "Schedule__TimeZone"));
        Assert.DoesNotContain("Schedule__Cron", Names(Container(stacks.SystemJson, "recsapi"), "Environment"));
    }

    [Fact]
    public void Every_service_logs_to_its_own_CloudWatch_log_group()
    {
        foreach (var project in stacks.Manifest.Projects)
        {
            stacks.SystemStack.HasResourceProperties("AWS::Logs::LogGroup", Match.ObjectLike(new Dictionary<string, object>
            {
                ["LogGroupName"] = "/recommender/" + project.Name,
            }));
            Assert.Equal("awslogs", Container(stacks.SystemJson, project.Name)["LogConfiguration"]!["LogDriver"]!.GetValue<string>());
        }
    }

    [Fact]
    public void A_service_added_to_the_manifest_appears_with_its_secret_and_no_other_edit()
    {
        stacks.Extended.ResourceCountIs("AWS::ECS::Service", stacks.Manifest.Projects.Count + 1);
        stacks.Extended.HasResourceProperties("AWS::ECS::Service", Match.ObjectLike(new Dictionary<string, object>
        {
            ["ServiceName"] = SynthesizedStacks.AddedService,
            ["DesiredCount"] = 1,
        }));
        var container = Container(stacks.ExtendedJson, SynthesizedStacks.AddedService);
        Assert.Equal(["Ranker__Token"], Names(container, "Secrets"));
        Assert.Equal("http://recsapi.recommender.internal:8080", Value(container, "services__recsapi__http__0"));
        Assert.Contains(
            Resources(stacks.ExtendedJson, "AWS::SecretsManager::Secret"),
            secret => secret["Properties"]!["Description"] is JsonValue description
                && description.ToString() == $"Recommender parameter '{SynthesizedStacks.AddedSecret}'");
        Assert.Contains(
            Resources(stacks.ExtendedJson, "AWS::EC2::SecurityGroupIngress"),
            rule => rule["Properties"]!["Description"]!.GetValue<string>() == "ranker calls recsapi");
    }

    private static IEnumerable<JsonObject> Resources(JsonObject template, string type) =>
        template["Resources"]!.AsObject()
            .Select(pair => pair.Value!.AsObject())
            .Where(resource => resource["Type"]!.GetValue<string>() == type);

    private static JsonObject Container(JsonObject template, string name) =>
        Resources(template, "AWS::ECS::TaskDefinition")
            .SelectMany(task => task["Properties"]!["ContainerDefinitions"]!.AsArray())
            .Single(container => container!["Name"]!.GetValue<string>() == name)!.AsObject();

    private static IEnumerable<string> Names(JsonObject container, string list) =>
        (container[list]?.AsArray() ?? []).Select(variable => variable!["Name"]!.GetValue<string>());

    private static string Value(JsonObject container, string name) =>
        container["Environment"]!.AsArray().Single(variable => variable!["Name"]!.GetValue<string>() == name)!["Value"]!.GetValue<string>();

    private static IEnumerable<JsonObject> Statements(JsonObject policy) =>
        policy["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray().Select(statement => statement!.AsObject());

    private static IEnumerable<string> Actions(JsonObject statement) =>
        statement["Action"] is JsonArray many ? many.Select(action => action!.GetValue<string>()) : [statement["Action"]!.GetValue<string>()];

    private string BucketLogicalId() =>
        stacks.SystemJson["Resources"]!.AsObject().Single(pair => pair.Value!["Type"]!.GetValue<string>() == "AWS::S3::Bucket").Key;

    private string TaskRoleOf(string service)
    {
        var task = Resources(stacks.SystemJson, "AWS::ECS::TaskDefinition")
            .Single(task => task["Properties"]!["ContainerDefinitions"]![0]!["Name"]!.GetValue<string>() == service);
        return task["Properties"]!["TaskRoleArn"]!["Fn::GetAtt"]![0]!.GetValue<string>();
    }
}
