using Aspire.Hosting.ApplicationModel;

namespace PerfAspire.AppHost.Database;

/// <summary>
/// The machine's PostgreSQL server as an Aspire executable that is also the "timescale" connection string, so
/// services just <c>WithReference</c> it.
/// </summary>
public sealed class LocalPostgresResource(string name, LocalPostgresPlan plan)
    : ExecutableResource(name, plan.ServerCommand.Command, plan.DataDir), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public LocalPostgresPlan Plan { get; } = plan;

    public EndpointReference PrimaryEndpoint => field ??= new EndpointReference(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host=127.0.0.1;Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username=postgres;Database={LocalPostgresPlan.DatabaseName}");
}
