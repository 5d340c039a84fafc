using static PerfAspire.Schema.Spec.SpecBuilder;

namespace PerfAspire.Schema.Spec;

/// <summary>Database latency histograms and the DB memory pool: ptop-format.md §3.8–3.9.</summary>
internal static class DatabaseGroups
{
    public static IEnumerable<TableGroup> All()
    {
        foreach (var (group, what) in new[]
        {
            ("DBWR", "database write transactions"),
            ("DBWA", "database write waits"),
            ("DBRD", "database reads"),
        })
        {
            var prefix = group.ToLowerInvariant();
            yield return G(group, "ptops_" + prefix, prefix, "db_histogram", "DB",
                [L("bucket", "log2 latency bucket index; higher = slower.", indexed: true)],
                [
                    M("bucket_count_total", MetricKind.HistogramBucket, "operations",
                        $"Number of {what} that landed in this latency bucket during the interval. Sum it over time; do not difference it.",
                        "One triplet <bucket> <count> <avg_s> per non-empty bucket per epoch.", sqlType: "bigint"),
                    M("bucket_avg_latency_seconds", MetricKind.HistogramAvg, "seconds",
                        $"Mean latency of the {what} in this bucket during the interval.",
                        "Average of the operations' latencies in the bucket."),
                ],
                $"Latency histogram of {what}: one line per epoch with triplets (bucket, count, average seconds) for the non-empty log2 buckets. Percentiles are estimated from the counts and per-bucket averages.");
        }

        yield return G("DBMPOOL", "ptops_dbmpool", "dbmpool", "db", "DB", [],
            [
                Gauge("cache_size_mib", "MiB", "Size of the database memory pool (cache)."),
                Gauge("pages_total", "pages", "Pages in the pool."),
                Gauge("pages_clean", "pages", "Clean pages in the pool."),
                Gauge("pages_dirty", "pages", "Dirty pages waiting to be written."),
                Delta("pages_created", "pages", "Pages created in the interval."),
                Delta("pages_in", "pages", "Pages read into the pool in the interval."),
                Delta("pages_out", "pages", "Pages written out of the pool in the interval."),
                Delta("pages_alloc", "pages", "Page allocations in the interval."),
                Delta("cache_hits", "lookups", "Pool lookups served from cache in the interval."),
                Delta("cache_misses", "lookups", "Pool lookups that missed in the interval; many misses relative to hits = cache too small."),
                Delta("ro_evicts", "pages", "Read-only (clean) page evictions in the interval."),
                Delta("rw_evicts", "pages", "Read-write (dirty) page evictions in the interval."),
                Delta("buffers_frozen", "buffers", "Buffers frozen in the interval."),
                Delta("buffers_thawed", "buffers", "Buffers thawed in the interval."),
            ],
            "Database memory pool (cache) size, page states and per-interval activity: hits, misses, page in/out, evictions.");
    }
}
