using Aspire.Hosting.ApplicationModel;
using PerfAspire.LocalPostgres;

namespace PerfAspire.AppHost.Database;

/// <summary>
/// The machine's PostgreSQL server as an Aspire executable that is also the "timescale" connection string, so
/// services just <c>WithReference</c> it. The password is a secret parameter: the dashboard masks it.
/// </summary>
public sealed class LocalPostgresResource(string name, LocalPostgresPlan plan, ParameterResource password)
    : ExecutableResource(name, plan.ServerCommand.Command, plan.Layout.Dir), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public LocalPostgresPlan Plan { get; } = plan;

    public ParameterResource Password { get; } = password;

    public EndpointReference PrimaryEndpoint => field ??= new EndpointReference(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host=127.0.0.1;Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={LocalPostgresPlan.SuperUser};Password={Password};Database={LocalPostgresPlan.DatabaseName}");
}
