using Npgsql;

namespace PerfAspire.Schema.Database;

/// <summary>Accepts both URL DSNs (<c>postgresql://user:pass@host:port/db</c>,) and keyword strings.</summary>
public static class ConnectionStrings
{
    public static string Normalize(string dsn)
    {
        dsn = dsn.Trim();
        if (!dsn.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) && !dsn.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new NpgsqlConnectionStringBuilder(dsn).ConnectionString;
        }
        var uri = new Uri(dsn);
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = string.IsNullOrEmpty(uri.Host) ? "localhost" : uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = uri.AbsolutePath.Trim('/') is { Length: > 0 } db ? Uri.UnescapeDataString(db) : "postgres",
        };
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var parts = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length > 1) b.Password = Uri.UnescapeDataString(parts[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv.Length == 2 && kv[0] == "sslmode" && Enum.TryParse<SslMode>(kv[1], true, out var ssl)) b.SslMode = ssl;
        }
        return b.ConnectionString;
    }
}
