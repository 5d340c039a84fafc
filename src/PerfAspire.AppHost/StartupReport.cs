using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace PerfAspire.AppHost;

/// <summary>
/// Prints one line when every resource is healthy: how long start-up took and where the
/// dashboard and the MCP endpoint are. ./run.sh users and the start-up benchmark read this line.
/// </summary>
public static class StartupReport
{
    public static void AnnounceWhenReady(this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> mcp, string databaseMode, params IResource[] resources)
    {
        var pending = resources.Select(r => r.Name).ToHashSet();
        var gate = new object();
        foreach (var resource in resources)
        {
            builder.Eventing.Subscribe<ResourceReadyEvent>(resource, (e, _) =>
            {
                var elapsed = DateTime.Now - Process.GetCurrentProcess().StartTime;
                lock (gate)
                {
                    if (!pending.Remove(e.Resource.Name)) return Task.CompletedTask;
                    Console.WriteLine($"PerfAspire: {e.Resource.Name} healthy after {elapsed.TotalSeconds:F1} s");
                    if (pending.Count > 0) return Task.CompletedTask;
                }
                // The dashboard is a resource of its own when enabled (not in tests).
                var model = e.Services.GetRequiredService<DistributedApplicationModel>();
                var dashboard = model.Resources.Any(r => r.Name == "aspire-dashboard") ? (builder.Configuration["ASPNETCORE_URLS"] ?? "").Split(';')[0] : "";
                Console.WriteLine(
                    $"PerfAspire: all {resources.Length} resources healthy after {elapsed.TotalSeconds:F1} s (database mode {databaseMode}). " +
                    $"MCP: {mcp.GetEndpoint("http").Url}/mcp" + (dashboard.Length > 0 ? $"  Dashboard: {dashboard}" : ""));
                return Task.CompletedTask;
            });
        }
    }
}
