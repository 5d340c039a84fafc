using System.Net.Sockets;
using Npgsql;

namespace PerfAspire.Ingest.Loading;

/// <summary>Recognises "the database is not there" failures, which users get as <c>database_unavailable</c>.</summary>
internal static class CopyErrors
{
    public static bool IsDatabase(Exception e) => e is NpgsqlException or SocketException || e.InnerException is NpgsqlException or SocketException;
}
