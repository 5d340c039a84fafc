namespace PerfAspire.Ingest.Bundles;

/// <summary>
/// Warning tokens of one load (<c>skipped_bad_name:&lt;file&gt;</c>, <c>refused_link:&lt;member&gt;</c>, ...), in
/// the order met, without duplicates. A pathological bundle cannot grow the list without bound: past
/// <see cref="Cap"/> tokens the rest is counted in one <c>warnings_truncated:&lt;n&gt;</c> token.
/// </summary>
public sealed class BundleWarnings
{
    public const int Cap = 500;
    readonly object _gate = new();
    readonly List<string> _items = [];
    readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    int _dropped;

    public void Add(string token)
    {
        lock (_gate)
        {
            if (!_seen.Add(token)) return;
            if (_items.Count >= Cap) { _dropped++; return; }
            _items.Add(token);
        }
    }

    public void AddRange(IEnumerable<string> tokens)
    {
        foreach (var t in tokens) Add(t);
    }

    public IReadOnlyList<string> ToList()
    {
        lock (_gate)
        {
            return _dropped == 0 ? [.. _items] : [.. _items, $"warnings_truncated:{_dropped}"];
        }
    }
}
