using System.Collections.Concurrent;

namespace PerfAspire.Mcp.Bundles;

/// <summary>
/// The bundle each MCP session chose. A load or a switch in a session makes that bundle the session's default, so
/// two clients (two HTTP sessions, or two stdio processes on one database) each keep reading their own bundle; a
/// session that has not chosen reads the shared active bundle. The session of the call in flight is set by a
/// call-tool filter (<see cref="Enter"/>): its MCP session id, or <see cref="ProcessSession"/> for stdio, whose
/// process is its one session. A call without a session (HTTP with a sessionless protocol version) always reads
/// the shared active bundle.
/// </summary>
public sealed class SessionBundles
{
    /// <summary>Sessions remembered at most; past it the oldest choices are dropped (those sessions fall back to the shared active bundle).</summary>
    public const int MaxSessions = 10_000;

    /// <summary>The key of the one session of a stdio process.</summary>
    public const string ProcessSession = "process";

    static readonly AsyncLocal<string?> CurrentSession = new();

    readonly ConcurrentDictionary<string, Choice> _chosen = new(StringComparer.Ordinal);

    /// <summary>Marks the session the current tool call belongs to, null for none (called by the request filter, before the tool runs).</summary>
    public static void Enter(string? sessionKey) => CurrentSession.Value = sessionKey;

    /// <summary>Whether the current call belongs to a session that can choose its own bundle.</summary>
    public bool HasSession => CurrentSession.Value is not null;

    /// <summary>The bundle the current session loaded or switched to last, or null when it has not chosen.</summary>
    public string? Current => CurrentSession.Value is { } s && _chosen.TryGetValue(s, out var c) ? c.BundleId : null;

    /// <summary>Makes <paramref name="bundleId"/> the current session's default bundle.</summary>
    public void Choose(string bundleId)
    {
        if (CurrentSession.Value is not { } s) return;
        if (_chosen.Count >= MaxSessions && !_chosen.ContainsKey(s))
        {
            foreach (var old in _chosen.OrderBy(kv => kv.Value.At).Take(MaxSessions / 10)) _chosen.TryRemove(old.Key, out _);
        }
        _chosen[s] = new Choice(bundleId, DateTimeOffset.UtcNow);
    }

    /// <summary>Drops a bundle (null: every bundle) from every session's choice, after an unload or a purge.</summary>
    public void Forget(string? bundleId)
    {
        foreach (var (session, choice) in _chosen)
        {
            if (bundleId is null || choice.BundleId == bundleId) _chosen.TryRemove(new KeyValuePair<string, Choice>(session, choice));
        }
    }

    sealed record Choice(string BundleId, DateTimeOffset At);
}
