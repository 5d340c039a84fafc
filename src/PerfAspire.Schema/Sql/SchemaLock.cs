namespace PerfAspire.Schema.Sql;

/// <summary>
/// The advisory lock every schema change takes (migrations and run-time auto-updates), one key per target
/// schema, so two services starting together or two loads meeting the same new key never race on DDL.
/// </summary>
public static class SchemaLock
{
    /// <summary>A stable 64-bit key (FNV-1a of "perfaspire.schema:" + schema); the same in every process and version.</summary>
    public static long KeyFor(string schema)
    {
        const ulong offset = 14695981039346656037UL, prime = 1099511628211UL;
        var h = offset;
        foreach (var c in "perfaspire.schema:" + schema)
        {
            h ^= c;
            h *= prime;
        }
        return unchecked((long)h);
    }
}
