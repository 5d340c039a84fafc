using PerfAspire.Schema.Query;

namespace PerfAspire.Ingest.Writing;

/// <summary>Sums of one metric column of one series over one rollup bucket (<see cref="RollupSql.BucketSeconds"/>).</summary>
internal struct BucketStat
{
    public int Count;
    public double Sum;
    public double Max;

    /// <summary>Counter steps (<see cref="CounterSql"/>) whose later sample falls in the bucket: their increase and seconds.</summary>
    public double Increase;
    public double Seconds;
}

/// <summary>
/// The time-bucketed half of a table's rollup (the rows of <c>bundle_buckets</c>): per series and fixed-width time
/// bucket, the count, sum and maximum of every metric column and the counter steps ending in it. Queries over the whole
/// bundle whose step is a multiple of the width read these instead of every sample, and combine them exactly as the
/// samples would combine (averages from sums and counts, rates from summed increases and seconds). Rows arrive oldest
/// first per series, so the current bucket of each series is cached. Bounded: a table with more than
/// <see cref="MaxSeries"/> series or <see cref="MaxSlots"/> series-buckets gets none (its queries scan).
/// </summary>
internal sealed class TableBuckets
{
    public const int MaxSeries = 512;
    public const int MaxSlots = 1 << 20;

    /// <summary>The origin every time bucket is counted from, as in the schema's time_bucket: Monday 2000-01-03 UTC.</summary>
    public const long OriginMicros = BucketOrigin.DefaultUnixSeconds * 1_000_000;

    public const long WidthMicros = RollupSql.BucketSeconds * 1_000_000L;

    readonly Dictionary<long, int> _slots = [];
    readonly List<(int Series, long Bucket)> _keys = [];
    long[] _lastBucket = new long[16];
    int[] _lastSlot = new int[16];
    BucketStat[][] _stats = [];
    int _capacity = 256;

    /// <summary>True once a sample of some series arrived at or before its previous one: counter steps are then unknown.</summary>
    public bool StepsUnknown { get; private set; }

    /// <summary>True when the table went past the bounds; nothing is written for it then.</summary>
    public bool Dropped { get; private set; }

    public int SlotCount => _keys.Count;

    public int ColumnCount => _stats.Length;

    public (int Series, long BucketStartMicros) Key(int slot) => (_keys[slot].Series, _keys[slot].Bucket * WidthMicros + OriginMicros);

    public ref BucketStat Stat(int column, int slot) => ref _stats[column][slot];

    /// <summary>The slot of a series' bucket holding <paramref name="tsMicros"/>; -1 when the table is (now) dropped.</summary>
    public int Slot(int series, long tsMicros)
    {
        if (Dropped) return -1;
        var bucket = Math.DivRem(tsMicros - OriginMicros, WidthMicros, out var rem);
        if (rem < 0) bucket--;
        if (series >= MaxSeries)
        {
            Drop();
            return -1;
        }
        if (series >= _lastSlot.Length)
        {
            var n = Math.Max(series + 1, _lastSlot.Length * 2);
            Array.Resize(ref _lastBucket, n);
            Array.Resize(ref _lastSlot, n);
        }
        var cached = _lastSlot[series] - 1;
        if (cached >= 0 && _lastBucket[series] == bucket) return cached;

        // Unique while series < MaxSeries.
        var key = bucket * MaxSeries + series;
        if (!_slots.TryGetValue(key, out var slot))
        {
            if (_keys.Count >= MaxSlots)
            {
                Drop();
                return -1;
            }
            slot = _keys.Count;
            _keys.Add((series, bucket));
            _slots[key] = slot;
            if (slot >= _capacity) Grow();
        }
        _lastBucket[series] = bucket;
        _lastSlot[series] = slot + 1;
        return slot;
    }

    /// <summary>Adds one value; <paramref name="previous"/> is the series' statistics before this sample (for the counter step).</summary>
    public void Add(int column, int slot, long tsMicros, double value, in SeriesStat previous)
    {
        if (column >= _stats.Length) GrowColumns(column + 1);
        ref var b = ref _stats[column][slot];
        if (b.Count == 0 || value > b.Max) b.Max = value;
        b.Count++;
        b.Sum += value;
        if (previous.Count == 0) return;
        if (tsMicros > previous.LastTs)
        {
            b.Increase += CounterSql.Increase(value, previous.LastValue);
            b.Seconds += (tsMicros - previous.LastTs) / 1e6;
        }
        else
        {
            StepsUnknown = true;
        }
    }

    void Grow()
    {
        _capacity *= 2;
        for (var j = 0; j < _stats.Length; j++) Array.Resize(ref _stats[j], _capacity);
    }

    void GrowColumns(int columns)
    {
        var next = new BucketStat[columns][];
        Array.Copy(_stats, next, _stats.Length);
        for (var j = _stats.Length; j < columns; j++) next[j] = new BucketStat[_capacity];
        _stats = next;
    }

    void Drop()
    {
        Dropped = true;
        _slots.Clear();
        _keys.Clear();
        _stats = [];
        _lastBucket = [];
        _lastSlot = [];
    }
}
