using static PerfAspire.Schema.Spec.SpecBuilder;

namespace PerfAspire.Schema.Spec;

/// <summary>Database latency histograms and the DB memory pool: docs/ptop-format.md §3.8–3.9.</summary>
internal static class DatabaseGroups
{
    const string Pool = "Printed by ptop from the database memory pool statistics on the DBMPOOL line";

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
                        $"Number of {what} that landed in this latency bucket during the interval. Sum it over time (timeseries_sum, histogram_ops_per_sec); do not difference it. Counts moving to higher buckets mean the database got slower.",
                        $"The <count> of each <bucket> <count> <avg_s> triplet on the {group} line; one row per non-empty bucket per epoch (empty buckets are not printed).",
                        sqlType: "bigint"),
                    M("bucket_avg_latency_seconds", MetricKind.HistogramAvg, "seconds",
                        $"Mean latency of the {what} that landed in this bucket during the interval. Combined with the counts it gives latency percentiles (histogram_latency_percentile).",
                        $"The <avg_s> of each triplet on the {group} line: total latency of the bucket's operations / their count."),
                ],
                $"Latency histogram of {what}: each epoch one line with triplets (bucket, count, average seconds) for the non-empty log2 latency buckets; higher bucket index = slower. Operations per second and approximate latency percentiles follow from the counts and per-bucket averages.");
        }

        yield return G("DBMPOOL", "ptops_dbmpool", "dbmpool", "db", "DB", [],
            [
                Gauge("cache_size_mib", "MiB", "Configured size of the database memory pool (its page cache).",
                    Pool + "; value after 'sz' (followed by a literal MiB)."),
                Gauge("pages_total", "pages", "Pages currently held in the database memory pool, clean and dirty.",
                    Pool + "; value after 'pg'."),
                Gauge("pages_clean", "pages", "Clean pages in the pool (identical to disk, free to evict).",
                    Pool + "; value after 'cl'."),
                Gauge("pages_dirty", "pages", "Dirty pages waiting to be written back. A growing number means writes outpace the disk; checkpoints will be long.",
                    Pool + "; value after 'dr'."),
                Delta("pages_created", "pages", "Pages created in the pool during the interval.",
                    Pool + "; value after 'cr', the change since the previous sample."),
                Delta("pages_in", "pages", "Pages read into the pool from disk during the interval. High values mean the working set does not fit.",
                    Pool + "; value after 'i', the change since the previous sample."),
                Delta("pages_out", "pages", "Pages written out of the pool to disk during the interval.",
                    Pool + "; value after 'o', the change since the previous sample."),
                Delta("pages_alloc", "pages", "Page allocations in the pool during the interval.",
                    Pool + "; value after 'a', the change since the previous sample."),
                Delta("cache_hits", "lookups", "Pool lookups served from cache during the interval.",
                    Pool + "; value after 'h', the change since the previous sample."),
                Delta("cache_misses", "lookups", "Pool lookups that had to read from disk during the interval. Many misses relative to hits means the cache is too small for the data.",
                    Pool + "; value after 'm', the change since the previous sample."),
                Delta("ro_evicts", "pages", "Clean (read-only) pages evicted during the interval to make room.",
                    Pool + "; value after 'ro', the change since the previous sample."),
                Delta("rw_evicts", "pages", "Dirty (read-write) pages evicted during the interval; each needed a write first, so they are costly.",
                    Pool + "; value after 'rw', the change since the previous sample."),
                Delta("buffers_frozen", "buffers", "Buffers frozen (made read-only for a snapshot) during the interval.",
                    Pool + "; value after 'fr', the change since the previous sample."),
                Delta("buffers_thawed", "buffers", "Frozen buffers thawed during the interval.",
                    Pool + "; value after 'th', the change since the previous sample."),
            ],
            "Database memory pool (cache): its size, page states (clean, dirty) and per-interval activity (pages in and out, hits and misses, evictions, frozen buffers). A low hit ratio or many rw_evicts means the cache is too small for the workload.");
    }
}
