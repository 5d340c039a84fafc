using System.Runtime.CompilerServices;
using PerfAspire.Schema.Runtime;

namespace PerfAspire.Ingest.Writing;

/// <summary>
/// The series rollup of one table during a load (the rows of <c>bundle_series</c>): per label tuple and metric
/// column, <see cref="SeriesStat"/>. The parser interns label strings per file, so a row's tuple is first looked up
/// by the identity of its strings (no hashing of characters, no allocation); only a tuple not seen in this file is
/// looked up by value, and only a new series allocates. Bounded: past <see cref="MaxSeries"/> series the table's
/// rollup is dropped (queries then scan the table, as for bundles loaded before the rollup existed).
/// </summary>
internal sealed class TableRollup
{
    public const int MaxSeries = 200_000;

    readonly int _labelCount;
    readonly Dictionary<string?[], int> _byValue = new(LabelTupleComparer.Instance);
    readonly List<string?[]> _series = [];
    SeriesStat[][] _stats = [];
    int _capacity = 64;

    // Identity map for the current file: open addressing, keys flattened (_labelCount per slot), value = series + 1.
    string?[] _refKeys;
    int[] _refSlots;
    int _refCount;

    public TableRollup(TableLayout layout)
    {
        Layout = layout;
        _labelCount = layout.Group.Labels.Count;
        _refSlots = new int[256];
        _refKeys = new string?[256 * Math.Max(1, _labelCount)];
    }

    public TableLayout Layout { get; }

    /// <summary>True when the table had more series than the rollup keeps; nothing is written for it then.</summary>
    public bool Overflowed { get; private set; }

    public int SeriesCount => _series.Count;

    /// <summary>Label strings of a new file are new instances: forget the identities of the previous one.</summary>
    public void BeginFile()
    {
        if (_refCount == 0) return;
        Array.Clear(_refSlots);
        Array.Clear(_refKeys);
        _refCount = 0;
    }

    public void Add(long tsMicros, ReadOnlySpan<string?> labels, ReadOnlySpan<double> values, int columns)
    {
        if (Overflowed) return;
        var s = Find(labels);
        if (s < 0) return;
        if (columns > values.Length) columns = values.Length;
        if (columns > _stats.Length) GrowColumns(columns);
        var stats = _stats;
        var buckets = Buckets;
        var slot = buckets.Slot(s, tsMicros);
        for (var j = 0; j < columns; j++)
        {
            var v = values[j];
            if (double.IsNaN(v)) continue;
            if (slot >= 0) buckets.Add(j, slot, tsMicros, v, in stats[j][s]);
            stats[j][s].Add(tsMicros, v);
        }
    }

    /// <summary>The time-bucketed rollup of the same series (<c>bundle_buckets</c>).</summary>
    public TableBuckets Buckets { get; } = new();

    /// <summary>The label values of series <paramref name="series"/> (in group label order).</summary>
    public string?[] SeriesLabels(int series) => _series[series];

    /// <summary>Every series with at least one value of <paramref name="column"/>: its labels (in group label order) and statistics.</summary>
    public IEnumerable<(string?[] Labels, SeriesStat Stat)> Column(int column)
    {
        if (Overflowed || column >= _stats.Length) yield break;
        var stats = _stats[column];
        for (var s = 0; s < _series.Count; s++)
        {
            if (stats[s].Count > 0) yield return (_series[s], stats[s]);
        }
    }

    public int ColumnCount => _stats.Length;

    int Find(ReadOnlySpan<string?> labels)
    {
        var n = _labelCount;
        var hash = 17;
        for (var i = 0; i < n; i++)
        {
            var l = i < labels.Length ? labels[i] : null;
            hash = hash * 31 + (l is null ? 0 : RuntimeHelpers.GetHashCode(l));
        }
        var mask = _refSlots.Length - 1;
        var slot = hash & mask;
        while (true)
        {
            var found = _refSlots[slot];
            if (found == 0) break;
            if (SameRefs(slot, labels)) return found - 1;
            slot = (slot + 1) & mask;
        }

        // First time this file: by value (allocates the key only for a new series).
        var key = new string?[n];
        for (var i = 0; i < n; i++) key[i] = i < labels.Length ? labels[i] : null;
        if (!_byValue.TryGetValue(key, out var s))
        {
            if (_series.Count >= MaxSeries)
            {
                Drop();
                return -1;
            }
            s = _series.Count;
            _series.Add(key);
            _byValue[key] = s;
            if (s >= _capacity) GrowSeries();
        }
        // The identity map is a cache: a parser whose label cache started over mid-file must not grow it forever.
        if (_refCount >= 2 * MaxSeries) BeginFile();
        if ((_refCount + 1) * 2 > _refSlots.Length) GrowRefs();
        mask = _refSlots.Length - 1;
        slot = hash & mask;
        while (_refSlots[slot] != 0) slot = (slot + 1) & mask;
        _refSlots[slot] = s + 1;
        Array.Copy(key, 0, _refKeys, slot * Math.Max(1, n), n);
        _refCount++;
        return s;
    }

    bool SameRefs(int slot, ReadOnlySpan<string?> labels)
    {
        var n = _labelCount;
        var baseIndex = slot * Math.Max(1, n);
        for (var i = 0; i < n; i++)
        {
            var l = i < labels.Length ? labels[i] : null;
            if (!ReferenceEquals(_refKeys[baseIndex + i], l)) return false;
        }
        return true;
    }

    void GrowRefs()
    {
        var n = Math.Max(1, _labelCount);
        var oldSlots = _refSlots;
        var oldKeys = _refKeys;
        _refSlots = new int[oldSlots.Length * 2];
        _refKeys = new string?[_refSlots.Length * n];
        var mask = _refSlots.Length - 1;
        for (var i = 0; i < oldSlots.Length; i++)
        {
            if (oldSlots[i] == 0) continue;
            var hash = 17;
            for (var k = 0; k < _labelCount; k++)
            {
                var l = oldKeys[i * n + k];
                hash = hash * 31 + (l is null ? 0 : RuntimeHelpers.GetHashCode(l));
            }
            var slot = hash & mask;
            while (_refSlots[slot] != 0) slot = (slot + 1) & mask;
            _refSlots[slot] = oldSlots[i];
            Array.Copy(oldKeys, i * n, _refKeys, slot * n, _labelCount);
        }
    }

    void GrowSeries()
    {
        _capacity *= 2;
        for (var j = 0; j < _stats.Length; j++) Array.Resize(ref _stats[j], _capacity);
    }

    void GrowColumns(int columns)
    {
        var next = new SeriesStat[columns][];
        Array.Copy(_stats, next, _stats.Length);
        for (var j = _stats.Length; j < columns; j++) next[j] = new SeriesStat[_capacity];
        _stats = next;
    }

    void Drop()
    {
        Overflowed = true;
        _byValue.Clear();
        _series.Clear();
        _stats = [];
        _refSlots = [0];
        _refKeys = [];
    }

    sealed class LabelTupleComparer : IEqualityComparer<string?[]>
    {
        public static readonly LabelTupleComparer Instance = new();

        public bool Equals(string?[]? x, string?[]? y)
        {
            if (x is null || y is null) return ReferenceEquals(x, y);
            if (x.Length != y.Length) return false;
            for (var i = 0; i < x.Length; i++)
            {
                if (!string.Equals(x[i], y[i], StringComparison.Ordinal)) return false;
            }
            return true;
        }

        public int GetHashCode(string?[] obj)
        {
            var h = new HashCode();
            foreach (var s in obj) h.Add(s is null ? 0 : string.GetHashCode(s, StringComparison.Ordinal));
            return h.ToHashCode();
        }
    }
}
