namespace PerfAspire.LocalPostgres;

/// <summary>
/// A prepared instance: its plan, its superuser password, and the lock that keeps a second process off its
/// directory for as long as this object lives.
/// </summary>
public sealed class LocalPostgresInstance(LocalPostgresPlan plan, string password, FileStream lockHandle) : IDisposable
{
    public LocalPostgresPlan Plan { get; } = plan;

    public string Password { get; } = password;

    /// <summary>TCP connection string (loopback, SCRAM password) for <paramref name="database"/>.</summary>
    public string ConnectionString(string database = LocalPostgresPlan.DatabaseName) => Plan.ConnectionString(Password, database);

    /// <summary>Releases the directory lock; a throw-away instance's directory is removed too.</summary>
    public void Dispose()
    {
        lockHandle.Dispose();
        if (Plan.Ephemeral) LocalPostgresSetup.Remove(Plan.Layout);
    }
}
