using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PerfAspire.Schema.Query;
using PerfAspire.Schema.Spec;

namespace PerfAspire.Ingest.Writing;

/// <summary>One row of <c>bundle_series</c>: one metric of one series over the whole load.</summary>
internal sealed record BundleSeriesRow(string Table, string Metric, string LabelsJson, SeriesStat Stat, bool Counter);

/// <summary>
/// The rollup of a finished load as <c>bundle_series</c> rows, and their binary COPY. Written in the transaction that
/// marks the bundle loaded, so a loaded bundle has either all of a table's rollup rows or none.
/// </summary>
internal sealed class BundleSeriesRows(IReadOnlyList<BundleSeriesRow> rows, IReadOnlyList<string> tables, IReadOnlyList<TableRollup>? buckets = null)
{
    public IReadOnlyList<BundleSeriesRow> Rows => rows;

    /// <summary>Tables whose rollup rows this load (re)writes; older rows of these tables are replaced.</summary>
    public IReadOnlyList<string> Tables => tables;

    /// <param name="complete">Whether every row of a table reached the database; a table with refused rows gets no
    /// rollup (its statistics would count rows the table does not hold), so queries on it scan.</param>
    public static BundleSeriesRows From(IEnumerable<TableRollup> rollups, Func<string, bool> complete)
    {
        var list = new List<BundleSeriesRow>();
        var tables = new List<string>();
        var buckets = new List<TableRollup>();
        var json = new LabelJson();
        foreach (var r in rollups)
        {
            tables.Add(r.Layout.Table);
            if (r.Overflowed || !complete(r.Layout.Table)) continue;
            if (!r.Buckets.Dropped && r.Buckets.SlotCount > 0) buckets.Add(r);
            var group = r.Layout.Group;
            var metrics = r.Layout.Metrics;
            var labelJson = new Dictionary<string?[], string>(ReferenceEqualityComparer.Instance);
            for (var j = 0; j < Math.Min(r.ColumnCount, metrics.Count); j++)
            {
                var metric = group.MetricName(metrics[j]);
                var counter = metrics[j].Kind == MetricKind.Counter;
                foreach (var (labels, stat) in r.Column(j))
                {
                    if (!labelJson.TryGetValue(labels, out var text))
                    {
                        text = json.Write(group.Labels.Select(l => l.Name), labels);
                        labelJson[labels] = text;
                    }
                    list.Add(new BundleSeriesRow(r.Layout.Table, metric, text, stat, counter));
                }
            }
        }
        return new BundleSeriesRows(list, tables, buckets);
    }

    /// <summary>Replaces the rollup rows of <see cref="Tables"/> for the bundle, inside <paramref name="tx"/>.</summary>
    public async Task WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string schema, string bundleId, string? sptid, string host, CancellationToken ct)
    {
        if (tables.Count == 0) return;
        foreach (var sql in LifecycleSql.DeleteRollup(schema, ofTables: true))
        {
            await using var delete = new NpgsqlCommand(sql, conn, tx);
            delete.Parameters.Add(new NpgsqlParameter { Value = bundleId });
            delete.Parameters.Add(new NpgsqlParameter { Value = tables.ToArray() });
            await delete.ExecuteNonQueryAsync(ct);
        }
        await WriteBucketsAsync(conn, schema, bundleId, sptid, host, ct);
        if (rows.Count == 0) return;
        await using var import = await conn.BeginBinaryImportAsync(CopySql.ForSeries(schema), ct);
        foreach (var r in rows)
        {
            var s = r.Stat;
            await import.StartRowAsync(ct);
            await import.WriteAsync(bundleId, NpgsqlDbType.Text, ct);
            await import.WriteAsync(r.Table, NpgsqlDbType.Text, ct);
            await import.WriteAsync(r.Metric, NpgsqlDbType.Text, ct);
            if (sptid is null) await import.WriteNullAsync(ct); else await import.WriteAsync(sptid, NpgsqlDbType.Text, ct);
            await import.WriteAsync(host, NpgsqlDbType.Text, ct);
            await import.WriteAsync(r.LabelsJson, NpgsqlDbType.Jsonb, ct);
            await import.WriteAsync(s.Count, NpgsqlDbType.Bigint, ct);
            await import.WriteAsync(s.Sum, NpgsqlDbType.Double, ct);
            await import.WriteAsync(s.Min, NpgsqlDbType.Double, ct);
            await import.WriteAsync(s.Max, NpgsqlDbType.Double, ct);
            await import.WriteAsync(Time(s.FirstTs), NpgsqlDbType.TimestampTz, ct);
            await import.WriteAsync(Time(s.LastTs), NpgsqlDbType.TimestampTz, ct);
            await import.WriteAsync(s.FirstValue, NpgsqlDbType.Double, ct);
            await import.WriteAsync(s.LastValue, NpgsqlDbType.Double, ct);
            // Only counters have an increase; NULL also marks a counter whose steps are unknown (queries then scan).
            if (!r.Counter || double.IsNaN(s.Increase)) await import.WriteNullAsync(ct); else await import.WriteAsync(s.Increase, NpgsqlDbType.Double, ct);
        }
        await import.CompleteAsync(ct);
    }

    /// <summary>The time-bucketed rollup (<c>bundle_buckets</c>): one row per table, series and bucket, metric columns as arrays.</summary>
    async Task WriteBucketsAsync(NpgsqlConnection conn, string schema, string bundleId, string? sptid, string host, CancellationToken ct)
    {
        if (buckets is null || buckets.Count == 0) return;
        var json = new LabelJson();
        await using var import = await conn.BeginBinaryImportAsync(CopySql.ForBuckets(schema), ct);
        foreach (var r in buckets)
        {
            var b = r.Buckets;
            var metrics = r.Layout.Metrics;
            var n = Math.Min(Math.Min(r.ColumnCount, metrics.Count), b.ColumnCount);
            if (n == 0) continue;
            var columns = new string[n];
            for (var j = 0; j < n; j++) columns[j] = metrics[j].Column;
            var labelNames = r.Layout.Group.Labels.Select(l => l.Name).ToList();
            var labelJson = new Dictionary<int, string>();
            var samples = new int[n];
            var sum = new double[n];
            var max = new double[n];
            var increase = new double[n];
            var seconds = new double[n];
            for (var slot = 0; slot < b.SlotCount; slot++)
            {
                var (series, start) = b.Key(slot);
                for (var j = 0; j < n; j++)
                {
                    ref var st = ref b.Stat(j, slot);
                    samples[j] = st.Count;
                    sum[j] = st.Sum;
                    max[j] = st.Max;
                    increase[j] = st.Increase;
                    seconds[j] = st.Seconds;
                }
                if (!labelJson.TryGetValue(series, out var text)) labelJson[series] = text = json.Write(labelNames, r.SeriesLabels(series));
                await import.StartRowAsync(ct);
                await import.WriteAsync(bundleId, NpgsqlDbType.Text, ct);
                await import.WriteAsync(r.Layout.Table, NpgsqlDbType.Text, ct);
                if (sptid is null) await import.WriteNullAsync(ct); else await import.WriteAsync(sptid, NpgsqlDbType.Text, ct);
                await import.WriteAsync(host, NpgsqlDbType.Text, ct);
                await import.WriteAsync(text, NpgsqlDbType.Jsonb, ct);
                await import.WriteAsync(RollupSql.BucketSeconds, NpgsqlDbType.Integer, ct);
                await import.WriteAsync(Time(start), NpgsqlDbType.TimestampTz, ct);
                await import.WriteAsync(columns, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await import.WriteAsync(samples, NpgsqlDbType.Array | NpgsqlDbType.Integer, ct);
                await import.WriteAsync(sum, NpgsqlDbType.Array | NpgsqlDbType.Double, ct);
                await import.WriteAsync(max, NpgsqlDbType.Array | NpgsqlDbType.Double, ct);
                // Steps are known only when every series' samples arrived in time order; else counter rates scan.
                if (b.StepsUnknown)
                {
                    await import.WriteNullAsync(ct);
                    await import.WriteNullAsync(ct);
                }
                else
                {
                    await import.WriteAsync(increase, NpgsqlDbType.Array | NpgsqlDbType.Double, ct);
                    await import.WriteAsync(seconds, NpgsqlDbType.Array | NpgsqlDbType.Double, ct);
                }
            }
        }
        await import.CompleteAsync(ct);
    }

    static DateTime Time(long micros) => DateTime.UnixEpoch.AddTicks(micros * 10);

    /// <summary>Label objects as compact JSON, NULL labels left out.</summary>
    sealed class LabelJson
    {
        readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new(256);

        public string Write(IEnumerable<string> names, string?[] values)
        {
            _buffer.ResetWrittenCount();
            using (var w = new Utf8JsonWriter(_buffer))
            {
                w.WriteStartObject();
                var i = 0;
                foreach (var name in names)
                {
                    var v = i < values.Length ? values[i] : null;
                    if (v is not null) w.WriteString(name, v);
                    i++;
                }
                w.WriteEndObject();
            }
            return Encoding.UTF8.GetString(_buffer.WrittenSpan);
        }
    }
}
