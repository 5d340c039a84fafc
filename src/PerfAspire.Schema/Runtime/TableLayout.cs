using PerfAspire.Schema.Spec;

namespace PerfAspire.Schema.Runtime;

/// <summary>
/// The live column layout of one table during a run: the spec's metric columns followed by any columns
/// discovered at run time (unknown fast-path keys, extra BUDDY orders). Columns are only ever appended,
/// so an index handed out once stays valid; <see cref="Metrics"/> is a snapshot that grows by replacement.
/// </summary>
public sealed class TableLayout
{
    readonly object _gate = new();
    volatile MetricSpec[] _metrics;
    Dictionary<string, int> _bySourceKey;

    public TableLayout(TableGroup group)
    {
        Group = group;
        _metrics = [.. group.Metrics];
        _bySourceKey = BuildKeyIndex(_metrics);
    }

    public TableGroup Group { get; }

    public string Table => Group.Table;

    /// <summary>Metric columns in value order (spec columns first, then discovered ones).</summary>
    public IReadOnlyList<MetricSpec> Metrics => _metrics;

    public int MetricCount => _metrics.Length;

    /// <summary>Index of the metric printed under <paramref name="sourceKey"/> (the key token, or the column name), or -1.</summary>
    public int IndexOfKey(ReadOnlySpan<char> sourceKey)
    {
        var lookup = _bySourceKey.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.TryGetValue(sourceKey, out var i) ? i : -1;
    }

    /// <summary>Appends a discovered column (idempotent by source key) and returns its index.</summary>
    public int AddDiscovered(MetricSpec metric)
    {
        lock (_gate)
        {
            var key = metric.SourceKey ?? metric.Column;
            if (_bySourceKey.TryGetValue(key, out var existing)) return existing;
            MetricSpec[] next = [.. _metrics, metric];
            _bySourceKey = BuildKeyIndex(next);
            _metrics = next;
            return next.Length - 1;
        }
    }

    static Dictionary<string, int> BuildKeyIndex(MetricSpec[] metrics)
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < metrics.Length; i++)
        {
            d.TryAdd(metrics[i].SourceKey ?? metrics[i].Column, i);
            d.TryAdd(metrics[i].Column, i);
        }
        return d;
    }
}
