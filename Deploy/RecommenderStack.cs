using Amazon.CDK;
using Amazon.CDK.AWS.ApplicationAutoScaling;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ECS.Patterns;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.RDS;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;
using Recommender.Deploy.Manifest;
using EcsSecret = Amazon.CDK.AWS.ECS.Secret;
using HealthCheck = Amazon.CDK.AWS.ElasticLoadBalancingV2.HealthCheck;

namespace Recommender.Deploy;

/// <summary>
/// The system in AWS, built from aspire-manifest.json: every project there becomes a Fargate service,
/// every secret parameter a Secrets Manager secret, the database RDS PostgreSQL and the bucket S3.
/// </summary>
public sealed class RecommenderStack : Stack
{
    public const int ContainerPort = 8080;
    public const string HealthPath = "/health";
    public const string ServiceNamespace = "recommender.internal";
    public const string BucketParameter = "s3-bucket";
    public const string RegionParameter = "aws-region";
    public const string DatabaseName = "recs";

    public RecommenderStack(
        Construct scope, string id, AspireManifest manifest, IReadOnlyDictionary<string, IRepository> repositories,
        DeploySettings settings, IStackProps props)
        : base(scope, id, props)
    {
        var vpc = new Vpc(this, "vpc", new VpcProps
        {
            MaxAzs = 2,
            NatGateways = 1,
            SubnetConfiguration =
            [
                new SubnetConfiguration { Name = "public", SubnetType = SubnetType.PUBLIC, CidrMask = 24 },
                new SubnetConfiguration { Name = "services", SubnetType = SubnetType.PRIVATE_WITH_EGRESS, CidrMask = 22 },
                new SubnetConfiguration { Name = "data", SubnetType = SubnetType.PRIVATE_ISOLATED, CidrMask = 24 },
            ],
        });

        var bucket = DataBucket();
        var database = Database(vpc, settings.MultiAz);
        var secrets = Secrets(manifest, database);

        var cluster = new Cluster(this, "cluster", new ClusterProps { Vpc = vpc, ContainerInsights = true });
        cluster.AddDefaultCloudMapNamespace(new CloudMapNamespaceOptions { Name = ServiceNamespace });

        var plainParameters = manifest.Parameters.Values
            .Where(parameter => !parameter.IsSecret)
            .Select(parameter => (parameter.Name, Value: parameter.Name switch
            {
                BucketParameter => bucket.BucketName,
                RegionParameter => Region,
                _ => Node.TryGetContext("parameter:" + parameter.Name)?.ToString(),
            }))
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Name, pair => pair.Value!);
        var wiring = new EnvironmentWiring(manifest, plainParameters, secrets, ServiceNamespace, ContainerPort);

        var services = new Dictionary<string, FargateService>();
        var uses = new Dictionary<string, IReadOnlySet<string>>();
        foreach (var project in manifest.Projects)
        {
            var serviceWiring = wiring.Resolve(project);
            uses[project.Name] = serviceWiring.Uses;
            if (project.Name == DeploySettings.SchedulerService)
            {
                serviceWiring = serviceWiring with { Environment = serviceWiring.Environment.Concat(settings.Schedule).ToDictionary() };
            }

            var task = TaskDefinition(project, serviceWiring, repositories[project.Name], settings.ImageTag);
            if (serviceWiring.Uses.Contains(BucketParameter))
            {
                bucket.GrantReadWrite(task.TaskRole);
            }

            services[project.Name] = project.IsExternal
                ? PublicService(project, cluster, task)
                : PrivateService(project, cluster, task);
        }

        // Network paths follow the references: a service reaches the database or another service only if it names it.
        foreach (var (name, service) in services)
        {
            if (uses[name].Contains(DatabaseName))
            {
                database.Connections.AllowDefaultPortFrom(service, $"{name} uses the database");
            }

            foreach (var target in uses[name].Where(services.ContainsKey).Where(target => target != name))
            {
                services[target].Connections.AllowFrom(service, Port.Tcp(ContainerPort), $"{name} calls {target}");
            }
        }

        _ = new CfnOutput(this, "BucketName", new CfnOutputProps { Value = bucket.BucketName });
    }

    private Bucket DataBucket()
    {
        return new Bucket(this, "data", new BucketProps
        {
            Encryption = BucketEncryption.S3_MANAGED,
            Versioned = true,
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            EnforceSSL = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
            LifecycleRules =
            [
                // Intermediate pipeline outputs; the published models live in PostgreSQL.
                new Amazon.CDK.AWS.S3.LifecycleRule
                {
                    Id = "expire-runs",
                    Prefix = "runs/",
                    Expiration = Duration.Days(30),
                    NoncurrentVersionExpiration = Duration.Days(30),
                },
            ],
        });
    }

    private DatabaseInstance Database(Vpc vpc, bool multiAz)
    {
        return new DatabaseInstance(this, "database", new DatabaseInstanceProps
        {
            Engine = DatabaseInstanceEngine.Postgres(new PostgresInstanceEngineProps { Version = PostgresEngineVersion.VER_16_4 }),
            InstanceType = Amazon.CDK.AWS.EC2.InstanceType.Of(InstanceClass.BURSTABLE4_GRAVITON, InstanceSize.MICRO),
            Vpc = vpc,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_ISOLATED },
            PubliclyAccessible = false,
            StorageEncrypted = true,
            MultiAz = multiAz,
            AllocatedStorage = 20,
            DatabaseName = DatabaseName,
            Credentials = Credentials.FromGeneratedSecret("recs"),
            BackupRetention = Duration.Days(7),
            RemovalPolicy = RemovalPolicy.SNAPSHOT,
        });
    }

    /// <summary>A Secrets Manager secret per secret parameter; the database's connection string is composed from RDS's generated credentials.</summary>
    private Dictionary<string, ISecret> Secrets(AspireManifest manifest, DatabaseInstance database)
    {
        var secrets = new Dictionary<string, ISecret>();
        foreach (var parameter in manifest.Parameters.Values.Where(parameter => parameter.IsSecret))
        {
            secrets[parameter.Name] = manifest.ConnectionStrings.ContainsKey(parameter.Name)
                ? ConnectionStringSecret(parameter.Name, database)
                : new Amazon.CDK.AWS.SecretsManager.Secret(this, $"{parameter.Name}-secret", new SecretProps
                {
                    Description = $"Recommender parameter '{parameter.Name}'",
                    GenerateSecretString = new SecretStringGenerator
                    {
                        PasswordLength = parameter.GeneratedLength,
                        ExcludePunctuation = !parameter.GeneratedWithPunctuation,
                    },
                });
        }

        return secrets;
    }

    private Amazon.CDK.AWS.SecretsManager.Secret ConnectionStringSecret(string name, DatabaseInstance database)
    {
        if (name != DatabaseName)
        {
            throw new InvalidOperationException(
                $"The manifest's connection string '{name}' is secret, and the stack only knows how to provide '{DatabaseName}' (RDS PostgreSQL).");
        }

        // CloudFormation resolves the credentials' references when it writes the secret: the template holds none of them.
        var credentials = database.Secret!;
        var connectionString = Fn.Join("", [
            "Host=", database.DbInstanceEndpointAddress,
            ";Port=", database.DbInstanceEndpointPort,
            ";Database=", DatabaseName,
            ";Username=", credentials.SecretValueFromJson("username").UnsafeUnwrap(),
            ";Password=", credentials.SecretValueFromJson("password").UnsafeUnwrap(),
            ";SSL Mode=Require",
        ]);
        return new Amazon.CDK.AWS.SecretsManager.Secret(this, $"{name}-connection-string", new SecretProps
        {
            Description = "Recommender database connection string",
            SecretStringValue = SecretValue.UnsafePlainText(connectionString),
        });
    }

    private FargateTaskDefinition TaskDefinition(ManifestProject project, ServiceWiring wiring, IRepository repository, string imageTag)
    {
        var shape = ServiceShape.For(project.Name);
        var task = new FargateTaskDefinition(this, $"{project.Name}-task", new FargateTaskDefinitionProps
        {
            Cpu = shape.Cpu,
            MemoryLimitMiB = shape.MemoryMiB,
            RuntimePlatform = new RuntimePlatform
            {
                CpuArchitecture = CpuArchitecture.X86_64,
                OperatingSystemFamily = OperatingSystemFamily.LINUX,
            },
        });
        var logs = new LogGroup(this, $"{project.Name}-logs", new LogGroupProps
        {
            LogGroupName = $"/recommender/{project.Name}",
            Retention = RetentionDays.ONE_MONTH,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        task.AddContainer(project.Name, new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromEcrRepository(repository, imageTag),
            Environment = wiring.Environment.ToDictionary(),
            Secrets = wiring.Secrets.ToDictionary(pair => pair.Key, pair => EcsSecret.FromSecretsManager(pair.Value)),
            PortMappings = [new PortMapping { ContainerPort = ContainerPort, Name = "http" }],
            Logging = LogDriver.AwsLogs(new AwsLogDriverProps { LogGroup = logs, StreamPrefix = project.Name }),
        });
        return task;
    }

    private FargateService PrivateService(ManifestProject project, Cluster cluster, FargateTaskDefinition task)
    {
        var shape = ServiceShape.For(project.Name);
        return new FargateService(this, $"{project.Name}-service", new FargateServiceProps
        {
            Cluster = cluster,
            TaskDefinition = task,
            DesiredCount = shape.MinTasks,
            ServiceName = project.Name,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
            CloudMapOptions = new CloudMapOptions { Name = project.Name },
            CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
        });
    }

    private FargateService PublicService(ManifestProject project, Cluster cluster, FargateTaskDefinition task)
    {
        var shape = ServiceShape.For(project.Name);
        var balanced = new ApplicationLoadBalancedFargateService(this, $"{project.Name}-public", new ApplicationLoadBalancedFargateServiceProps
        {
            Cluster = cluster,
            TaskDefinition = task,
            DesiredCount = shape.MinTasks,
            ServiceName = project.Name,
            PublicLoadBalancer = true,
            TaskSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
            CloudMapOptions = new CloudMapOptions { Name = project.Name },
            CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
            HealthCheckGracePeriod = Duration.Seconds(60),
        });
        balanced.TargetGroup.ConfigureHealthCheck(new HealthCheck { Path = HealthPath, HealthyHttpCodes = "200" });

        if (shape.AutoScales)
        {
            var scaling = balanced.Service.AutoScaleTaskCount(new EnableScalingProps { MinCapacity = shape.MinTasks, MaxCapacity = shape.MaxTasks });
            scaling.ScaleOnCpuUtilization("cpu", new CpuUtilizationScalingProps { TargetUtilizationPercent = 60 });
            scaling.ScaleOnRequestCount("requests", new RequestCountScalingProps { RequestsPerTarget = 1000, TargetGroup = balanced.TargetGroup });
        }

        _ = new CfnOutput(this, $"{project.Name}-url", new CfnOutputProps { Value = "http://" + balanced.LoadBalancer.LoadBalancerDnsName });
        return balanced.Service;
    }
}
