using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using PerfAspire.Ingest;
using PerfAspire.Ingest.Client;
using PerfAspire.Tests.Infrastructure;
using static PerfAspire.Tests.Ingest.IngestTestBed;

namespace PerfAspire.Tests.Ingest;

/// <summary>The HTTP API and its typed client against the real service host on loopback.</summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class BundlesApiTests(DatabaseFixture db)
{
    [Fact]
    public async Task Every_lifecycle_verb_over_http()
    {
        var cs = await FreshDatabaseAsync(db);
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["ConnectionStrings:timescale"] = cs;
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.AddIngestServices();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapIngestApi();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var client = new IngestClient(http);

        var none = await client.ActiveAsync();
        Assert.Null(none.Bundle);
        Assert.Equal(["no_active_bundle"], none.Warnings);

        var job = await client.LoadAsync(new LoadRequest(Small.TarGz.Path, Categories: ["CPU", "MEM"]));
        Assert.StartsWith("job-", job.JobId);
        var seen = new List<LoadProgress>();
        var done = await client.WaitForJobAsync(job.JobId, new Progress(seen.Add), TimeSpan.FromMilliseconds(100));
        Assert.Equal("succeeded", done.State);
        Assert.Equal(["CPU", "MEM"], done.Summary!.Categories);
        var id = done.Summary.BundleId;

        var waited = await client.LoadAsync(new LoadRequest(Small.Directory.Path), wait: true);
        Assert.Equal("succeeded", waited.State);
        Assert.Equal(Small.Expected.Rows, waited.Summary!.MetricsIngested.Rows);

        var list = await client.ListAsync();
        Assert.Equal(2, list.Bundles.Count);
        Assert.Equal(waited.Summary.BundleId, list.ActiveBundleId);

        var switched = await client.SwitchActiveAsync(id);
        Assert.Equal(id, switched.Bundle!.BundleId);
        var detail = await client.GetAsync(id);
        Assert.Equal(["CPU", "MEM"], detail!.Bundle.Categories);
        Assert.Equal(done.Summary.MetricsIngested.Rows, detail.Summary!.MetricsIngested.Rows);
        Assert.Null(await client.GetAsync("missing"));

        var badArgs = await Assert.ThrowsAsync<IngestApiException>(() => client.LoadAsync(new LoadRequest(Small.TarGz.Path, MaxFiles: 0)));
        Assert.Equal((400, IngestErrors.InvalidMaxFiles), (badArgs.Status, badArgs.Code));
        var badPath = await Assert.ThrowsAsync<IngestApiException>(() => client.LoadAsync(new LoadRequest("/no/such/bundle")));
        Assert.Equal((404, IngestErrors.PathNotFound), (badPath.Status, badPath.Code));
        var badSwitch = await Assert.ThrowsAsync<IngestApiException>(() => client.SwitchActiveAsync("missing"));
        Assert.Equal((404, IngestErrors.BundleNotFound), (badSwitch.Status, badSwitch.Code));
        Assert.Null(await client.GetJobAsync("job-missing"));

        var unloaded = await client.UnloadAsync(id);
        Assert.Equal([id], unloaded.Unloaded);
        Assert.True(unloaded.WasActive);
        var purged = await client.PurgeAsync();
        Assert.Single(purged.Unloaded);
        Assert.Empty((await client.ListAsync()).Bundles);
        await app.StopAsync();
    }

    sealed class Progress(Action<LoadProgress> report) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value) => report(value);
    }
}
