using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PerfAspire.Ingest.Bundles;
using PerfAspire.Ingest.Lifecycle;
using PerfAspire.Ingest.Writing;

namespace PerfAspire.Ingest.Loading;

/// <summary>
/// Everything ingestion needs, wired once: used by the HTTP service, the CLI, the tests and the benchmark so they
/// all run the same code. <see cref="EnsureReadyAsync"/> migrates the schema once per process.
/// </summary>
public sealed class IngestRuntime : IAsyncDisposable
{
    readonly bool _ownsDataSource;
    readonly SemaphoreSlim _ready = new(1, 1);
    readonly Func<NpgsqlDataSource, CancellationToken, Task> _migrate;
    bool _migrated;

    IngestRuntime(IngestSettings settings, string connectionString, NpgsqlDataSource dataSource, bool ownsDataSource, Func<bool> loopbackOnly,
        ITableEnsurer ensurer, Func<NpgsqlDataSource, CancellationToken, Task> migrate, ILoggerFactory logs)
    {
        Settings = settings;
        ConnectionString = connectionString;
        DataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _migrate = migrate;
        Store = new BundleStore(dataSource, settings.Database.Schema);
        Paths = new BundlePathPolicy(settings.BundleRoots, loopbackOnly);
        Loader = new BundleLoader(settings, Store, connectionString, Paths, ensurer, logs.CreateLogger<BundleLoader>());
        Admin = new BundleAdmin(Store, connectionString, settings.Database.RetentionDays, logs.CreateLogger<BundleAdmin>());
        Jobs = new LoadJobs(this, logs.CreateLogger<LoadJobs>());
    }

    public IngestSettings Settings { get; }
    public string ConnectionString { get; }
    public NpgsqlDataSource DataSource { get; }
    public BundleStore Store { get; }
    public BundlePathPolicy Paths { get; }
    public BundleLoader Loader { get; }
    public BundleAdmin Admin { get; }
    public LoadJobs Jobs { get; }

    /// <param name="loopbackOnly">Whether the process only listens on loopback (default: yes, as a CLI does).</param>
    public static IngestRuntime Create(IngestSettings settings, string connectionString, NpgsqlDataSource? dataSource = null,
        Func<bool>? loopbackOnly = null, ILoggerFactory? logs = null) =>
        Create(settings, connectionString, dataSource, loopbackOnly, logs, null, null);

    internal static IngestRuntime Create(IngestSettings settings, string connectionString, NpgsqlDataSource? dataSource, Func<bool>? loopbackOnly,
        ILoggerFactory? logs, ITableEnsurer? ensurer, Func<NpgsqlDataSource, CancellationToken, Task>? migrate)
    {
        var owns = dataSource is null;
        dataSource ??= NpgsqlDataSource.Create(connectionString);
        return new IngestRuntime(settings, connectionString, dataSource, owns, loopbackOnly ?? (() => true),
            ensurer ?? SchemaHooks.Ensurer(dataSource, settings), migrate ?? ((ds, ct) => SchemaHooks.MigrateAsync(ds, settings, ct)),
            logs ?? NullLoggerFactory.Instance);
    }

    /// <summary>Creates or upgrades the schema once (the migrator is idempotent and takes its own lock).</summary>
    public async Task EnsureReadyAsync(CancellationToken ct = default)
    {
        if (_migrated) return;
        await _ready.WaitAsync(ct);
        try
        {
            if (_migrated) return;
            await _migrate(DataSource, ct);
            _migrated = true;
        }
        finally
        {
            _ready.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Jobs.Dispose();
        if (_ownsDataSource) await DataSource.DisposeAsync();
        _ready.Dispose();
    }
}
