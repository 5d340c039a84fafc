using Npgsql;
using PerfAspire.Ingest;
using PerfAspire.LocalPostgres;
using PerfAspire.Tests.Infrastructure;
using static PerfAspire.Tests.Ingest.IngestTestBed;

namespace PerfAspire.Tests.Ingest;

/// <summary>
/// R2 on a dedicated server (the shared one is not disturbed): connections killed or the server stopped and restarted
/// in the middle of a load. Whatever happens, no bundle is marked loaded with missing rows and a reload is exact.
/// </summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class DatabaseFaultTests : IAsyncLifetime
{
    LocalPostgresServer _server = null!;

    public async Task InitializeAsync() => _server = await LocalPostgresServer.StartAsync(timescale: TestFlavour.Timescale);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Terminates the COPY connection of writer <paramref name="writer"/> (it has one from its second batch on).</summary>
    static async Task KillCopyConnectionsAsync(string connectionString, int writer)
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = "perfaspire-ingest-copy-" + writer });
        Assert.Equal(1L, await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Killed_connections_are_retried_without_losing_or_doubling_rows()
    {
        var cs = await FreshDatabaseAsync(_server.ConnectionString);
        var batches = new int[8];
        await using var rt = await RuntimeAsync(cs, s => s with
        {
            Database = s.Database with { BatchSize = 200 },
            BeforeBatch = async (_, writer, _) =>
            {
                var n = Interlocked.Increment(ref batches[writer]);
                if (n is 2 or 4) await KillCopyConnectionsAsync(cs, writer);
            },
        });
        var summary = await rt.Loader.LoadAsync(Request(Small.Directory), "t");
        Assert.Equal("loaded", summary.State);
        Assert.True(summary.Retries > 0);
        AssertRows(Small.ExpectedRows(), await CountRowsAsync(rt, summary.BundleId));
    }

    [Fact]
    public async Task Without_retries_the_load_fails_cleanly_and_a_reload_is_exact()
    {
        var cs = await FreshDatabaseAsync(_server.ConnectionString);
        var batches = new int[8];
        await using (var failing = await RuntimeAsync(cs, s => s with
        {
            CopyRetries = 0,
            Database = s.Database with { BatchSize = 200 },
            BeforeBatch = async (_, writer, _) =>
            {
                if (Interlocked.Increment(ref batches[writer]) == 3) await KillCopyConnectionsAsync(cs, writer);
            },
        }))
        {
            var e = await Assert.ThrowsAsync<IngestException>(() => failing.Loader.LoadAsync(Request(Small.TarGz), "t"));
            Assert.Equal(IngestErrors.DatabaseUnavailable, e.Code);
            var bundle = Assert.Single(await failing.Store.ListAsync());
            Assert.Equal("failed", bundle.State);
            Assert.False(bundle.Active);
            Assert.Equal(0, await TotalRowsAsync(failing));
        }

        await using var rt = await RuntimeAsync(cs);
        var summary = await rt.Loader.LoadAsync(Request(Small.TarGz), "t");
        Assert.False(summary.Reused);
        AssertRows(Small.ExpectedRows(), await CountRowsAsync(rt, summary.BundleId));
        Assert.Equal(Small.ExpectedRows().Values.Sum(), await TotalRowsAsync(rt));
    }

    [Fact]
    public async Task Server_stopped_and_restarted_mid_load_never_leaves_a_loaded_bundle_with_missing_rows()
    {
        var cs = await FreshDatabaseAsync(_server.ConnectionString);
        var batches = 0;
        Task? restart = null;
        await using var rt = await RuntimeAsync(cs, s => s with
        {
            CopyRetries = 40,
            RetryBaseDelay = TimeSpan.FromMilliseconds(100),
            Database = s.Database with { BatchSize = 200 },
            BeforeBatch = async (_, _, _) =>
            {
                if (Interlocked.Increment(ref batches) != 3) return;
                await _server.StopAsync();
                restart = _server.RestartAsync();
            },
        });

        PerfAspire.Ingest.Client.LoadSummary? summary = null;
        IngestException? failure = null;
        try
        {
            summary = await rt.Loader.LoadAsync(Request(Small.Zip), "t");
        }
        catch (IngestException e)
        {
            failure = e;
        }
        Assert.NotNull(restart);
        await restart;

        foreach (var b in await rt.Store.ListAsync())
        {
            if (b.State == "loaded") AssertRows(Small.ExpectedRows(), await CountRowsAsync(rt, b.BundleId));
            else Assert.Empty(await CountRowsAsync(rt, b.BundleId));
        }
        if (failure is not null)
        {
            var reload = await rt.Loader.LoadAsync(Request(Small.Zip), "t");
            AssertRows(Small.ExpectedRows(), await CountRowsAsync(rt, reload.BundleId));
        }
        else
        {
            Assert.True(summary!.Retries > 0);
            AssertRows(Small.ExpectedRows(), await CountRowsAsync(rt, summary.BundleId));
        }
    }
}
