using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfAspire.Mcp;
using PerfAspire.Mcp.Query;

namespace PerfAspire.Tests.Foundation;

/// <summary>The services' data sources come from Aspire.Npgsql, fed by the documented connection settings. Nothing connects here.</summary>
public sealed class DataSourceRegistrationTests
{
    static IHost Build(params (string Key, string Value)[] values)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)));
        builder.AddServiceDefaults();
        builder.AddPerfAspireMcpServices();
        return builder.Build();
    }

    [Fact]
    public void TIMESCALE_DSN_in_url_form_feeds_the_Aspire_data_source_and_both_health_checks_are_registered()
    {
        using var host = Build(("TIMESCALE_DSN", "postgresql://me:secret@db.example:5433/perf"));
        var csb = new NpgsqlConnectionStringBuilder(host.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString);
        Assert.Equal(("db.example", 5433, "perf", "me"), (csb.Host, csb.Port, csb.Database, csb.Username));
        var checks = host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name).ToList();
        Assert.Contains("timescale", checks); // ours: reachability plus what the server offers of TimescaleDB
        Assert.Contains("PostgreSql", checks); // Aspire.Npgsql's connection check
        // Without a reader login, queries share the service's data source.
        Assert.Same(host.Services.GetRequiredService<NpgsqlDataSource>(), host.Services.GetRequiredService<QueryDataSource>().DataSource);
    }

    [Fact]
    public void A_reader_connection_string_becomes_a_second_keyed_data_source_for_queries()
    {
        using var host = Build(
            ("ConnectionStrings:timescale", "Host=db.example;Database=perf;Username=owner"),
            ("ConnectionStrings:timescale-reader", "postgresql://reader:pw@db.example/perf"));
        var queries = host.Services.GetRequiredService<QueryDataSource>().DataSource;
        Assert.Equal("reader", new NpgsqlConnectionStringBuilder(queries.ConnectionString).Username);
        Assert.Equal("owner", new NpgsqlConnectionStringBuilder(host.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString).Username);
        Assert.Contains("PostgreSql_timescale-reader", host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name));
    }

    [Fact]
    public async Task The_health_report_has_one_entry_per_check_and_ours_and_Aspire_s_do_not_clash()
    {
        // Nothing listens on port 1: both database checks answer unhealthy at once, under their own names.
        using var host = Build(("ConnectionStrings:timescale", "Host=127.0.0.1;Port=1;Database=perf;Username=owner;Timeout=2"));
        var names = host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(names.Order(), report.Entries.Keys.Order());
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["timescale"].Status);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["PostgreSql"].Status);
        Assert.Contains("unreachable", report.Entries["timescale"].Description);
    }
}
