using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.EndToEnd;

/// <summary>The application model each database mode builds (nothing is started: no Docker needed).</summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class AppHostModelTests(DatabaseFixture db)
{
    static async Task<IDistributedApplicationTestingBuilder> ModelAsync(params string[] args)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        return await DistributedApplicationTestingBuilder.CreateAsync<Projects.PerfAspire_AppHost>(args, (o, _) => o.DisableDashboard = true, cts.Token);
    }

    /// <summary>A plain-string environment variable as the resource's callbacks set it (endpoints are not needed).</summary>
    static async Task<string?> EnvValue(IResource resource, string name)
    {
        var env = new Dictionary<string, object>();
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish), resource, env);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>()) await callback.Callback(context);
        return env.TryGetValue(name, out var v) ? v as string : null;
    }

    static async Task<List<string>> ArgsAsync(IResource resource)
    {
        var args = new List<object>();
        var context = new CommandLineArgsCallbackContext(args);
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>()) await callback.Callback(context);
        return args.OfType<string>().ToList();
    }

    [Fact]
    public async Task Container_mode_runs_the_timescale_pg17_image_with_a_data_volume()
    {
        var builder = await ModelAsync("--Database:Mode=container");
        var container = Assert.Single(builder.Resources.OfType<ContainerResource>());
        var image = container.Annotations.OfType<ContainerImageAnnotation>().Last();
        Assert.Equal("timescale/timescaledb", image.Image);
        Assert.Equal(PerfAspire.AppHost.Database.TimescaleImage.Tag, image.Tag);
        Assert.Matches(@"^\d+\.\d+\.\d+-pg\d+$", image.Tag);
        var args = await ArgsAsync(container);
        Assert.Contains(args, a => a.StartsWith("timescaledb.max_background_workers=", StringComparison.Ordinal));
        Assert.Contains(container.Annotations.OfType<ContainerMountAnnotation>(), m => m.Type == ContainerMountType.Volume && m.Target == "/var/lib/postgresql/data");
        var database = Assert.Single(builder.Resources.OfType<IResourceWithConnectionString>(), r => r.Name == "timescale");
        Assert.IsNotType<ContainerResource>(database);
        Assert.Equal("container", await EnvValue(builder.Resources.Single(r => r.Name == "mcp"), "DATABASE_MODE"));
    }

    [Fact]
    public async Task External_mode_declares_no_database_process_and_passes_the_given_connection_string()
    {
        var dsn = await db.CreateDatabaseAsync();
        var builder = await ModelAsync("--Database:Mode=external", $"--ConnectionStrings:timescale={dsn}");
        Assert.DoesNotContain(builder.Resources, r => r is ContainerResource || r is PerfAspire.AppHost.Database.LocalPostgresResource);
        var cs = Assert.Single(builder.Resources.OfType<IResourceWithConnectionString>(), r => r.Name == "timescale");
        Assert.Equal(dsn, await cs.GetConnectionStringAsync());
        foreach (var service in new[] { "ingest", "docs", "mcp" })
        {
            Assert.Equal("external", await EnvValue(builder.Resources.Single(r => r.Name == service), "DATABASE_MODE"));
        }
    }

    [Theory]
    [InlineData("local")]
    [InlineData("external")]
    public async Task The_migrator_owns_the_schema_and_the_services_wait_for_it_to_complete(string mode)
    {
        var builder = mode == "local"
            ? await ModelAsync("--Database:Mode=local", "--Database:Ephemeral=true")
            : await ModelAsync("--Database:Mode=external", $"--ConnectionStrings:timescale={await db.CreateDatabaseAsync()}");
        var migrator = builder.Resources.Single(r => r.Name == "migrator");
        Assert.Contains(migrator.Annotations.OfType<ResourceRelationshipAnnotation>(), a => a.Type == "Reference" && a.Resource.Name == "timescale");
        Assert.Null(await EnvValue(migrator, PerfAspire.Schema.DatabaseSettings.MigrateOnStartSetting));
        foreach (var name in new[] { "ingest", "docs", "mcp" })
        {
            var service = builder.Resources.Single(r => r.Name == name);
            Assert.Contains(service.Annotations.OfType<WaitAnnotation>(), w => w.Resource == migrator && w.WaitType == WaitType.WaitForCompletion);
            Assert.Equal("false", await EnvValue(service, PerfAspire.Schema.DatabaseSettings.MigrateOnStartSetting));
        }
    }

    [Fact]
    public async Task Mcp_references_the_database_ingest_and_docs()
    {
        var builder = await ModelAsync("--Database:Mode=local", "--Database:Ephemeral=true");
        var mcp = builder.Resources.Single(r => r.Name == "mcp");
        var related = mcp.Annotations.OfType<ResourceRelationshipAnnotation>().Where(a => a.Type == "Reference").Select(a => a.Resource.Name).Order();
        Assert.Equal(["docs", "ingest", "internal-api-key", "timescale"], related);
        Assert.Equal("local", await EnvValue(mcp, "DATABASE_MODE"));
    }

    [Fact]
    public async Task Ingest_docs_and_mcp_share_one_generated_secret_internal_key()
    {
        var builder = await ModelAsync("--Database:Mode=local", "--Database:Ephemeral=true");
        var key = Assert.Single(builder.Resources.OfType<ParameterResource>(), p => p.Name == "internal-api-key");
        Assert.True(key.Secret);
        foreach (var service in new[] { "ingest", "docs", "mcp" })
        {
            var env = new Dictionary<string, object>();
            var resource = builder.Resources.Single(r => r.Name == service);
            var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish), resource, env);
            foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>()) await callback.Callback(context);
            Assert.Same(key, Assert.IsType<ParameterResource>(env["INTERNAL_API_KEY"]));
        }
    }

    [Fact]
    public async Task Local_mode_hands_the_services_a_password_connection_with_the_password_as_a_secret()
    {
        var builder = await ModelAsync("--Database:Mode=local", "--Database:Ephemeral=true");
        var password = Assert.Single(builder.Resources.OfType<ParameterResource>(), p => p.Name == PerfAspire.AppHost.Database.TimescaleResourceExtensions.PasswordParameter);
        Assert.True(password.Secret);
        var database = Assert.Single(builder.Resources.OfType<PerfAspire.AppHost.Database.LocalPostgresResource>());
        Assert.Contains($"Password={{{password.Name}.value}}", database.ConnectionStringExpression.ValueExpression);
        Assert.Equal(File.ReadAllText(database.Plan.Layout.PasswordFile).Trim(), await password.GetValueAsync(default));
    }
}
