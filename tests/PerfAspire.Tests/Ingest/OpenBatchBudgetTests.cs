using PerfAspire.Ingest.Writing;
using PerfAspire.Schema.Runtime;
using PerfAspire.Schema.Spec;

namespace PerfAspire.Tests.Ingest;

/// <summary>
/// The memory bound of a load's open batches: every table's open COPY batch counts against one budget, the largest is
/// sealed when they pass it, and no buffer grows past the per-batch byte cap.
/// </summary>
public sealed class OpenBatchBudgetTests
{
    const int BatchBytes = 1 << 20;
    const long Budget = 6L << 20;

    [Fact]
    public void Open_bytes_never_exceed_the_budget_on_a_stream_over_every_table()
    {
        var layouts = SchemaSpec.Default.Groups.Select(g => new TableLayout(g)).ToArray();
        var submitted = new Dictionary<string, long>(StringComparer.Ordinal);
        var maxBatch = new Dictionary<string, int>(StringComparer.Ordinal);
        IngestSink? sinkRef = null;
        long maxOpen = 0, largestArray = 0, batches = 0;
        using var sink = new IngestSink("perf", new BundleColumns("bundle-1", "NIOSSPT-1", "host-a"), batchRows: 1_000_000, batchBytes: BatchBytes,
            include: _ => true, includeText: true, maxColumns: l => l.MetricCount, submit: (batch, writer) =>
            {
                submitted[batch.Table] = submitted.GetValueOrDefault(batch.Table) + batch.Rows;
                maxBatch[batch.Table] = Math.Max(maxBatch.GetValueOrDefault(batch.Table), batch.Length);
                largestArray = Math.Max(largestArray, batch.Data.Length);
                maxOpen = Math.Max(maxOpen, sinkRef!.OpenBytes);
                batches++;
                batch.Release();
                return 0;
            }, maxOpenBytes: Budget);
        sinkRef = sink;

        var random = new Random(7);
        var appended = new Dictionary<string, long>(StringComparer.Ordinal);
        long texts = 0;
        for (var epoch = 0; epoch < 1500; epoch++)
        {
            var ts = 1_751_000_000_000_000L + epoch * 60_000_000L;
            foreach (var layout in layouts)
            {
                // TOP-like tables get hundreds of rows per epoch, the rest a few, as in a real bundle.
                var rows = layout.Table == "ptops_top" ? 300 : layout.Group.Labels.Count > 0 ? 4 : 1;
                var values = new double[layout.MetricCount];
                Array.Fill(values, 12.5);
                var labels = new string?[layout.Group.Labels.Count];
                for (var r = 0; r < rows; r++)
                {
                    for (var l = 0; l < labels.Length; l++) labels[l] = new string('x', 1 + random.Next(40)) + r;
                    sink.OnRow(layout, ts, labels, values);
                    appended[layout.Table] = appended.GetValueOrDefault(layout.Table) + 1;
                    maxOpen = Math.Max(maxOpen, sink.OpenBytes);
                    Assert.True(sink.OpenBytes <= Budget, $"open bytes {sink.OpenBytes} over the budget {Budget} at epoch {epoch}");
                }
            }
            sink.OnText(ts, "DB", epoch, new string('t', 200 + random.Next(3000)));
            texts++;
        }
        sink.Flush();

        // Every row reached a batch exactly once.
        foreach (var (table, n) in appended) Assert.Equal(n, submitted.GetValueOrDefault(table));
        Assert.Equal(texts, submitted[TextBatchBuilder.Table]);
        // The budget was what bounded memory here (tables filled past it together), and it sealed early.
        Assert.True(sink.BudgetSeals > 0, "the budget never sealed a batch");
        Assert.InRange(maxOpen, Budget / 2, Budget);
        // No batch and no buffer outgrew the per-batch cap (a doubling past it would rent 2 MiB arrays here).
        Assert.True(largestArray <= BatchBytes, $"a batch buffer of {largestArray} bytes passed the cap {BatchBytes}");
        Assert.All(maxBatch.Values, len => Assert.True(len <= BatchBytes));
        // The biggest table still fills its COPYs close to the cap: the budget seals the largest open batch, not the newest.
        Assert.True(maxBatch["ptops_top"] >= BatchBytes * 3 / 4, $"ptops_top batches reached only {maxBatch["ptops_top"]} bytes");
        Assert.Equal((long)TableBatchBuilder.InitialBytes * (layouts.Length + 1), sink.OpenBytes);
    }

    [Fact]
    public void A_batch_is_sealed_before_a_row_could_take_it_past_the_cap()
    {
        var layout = new TableLayout(SchemaSpec.Default.Groups.Single(g => g.Table == "ptops_top"));
        var builder = new TableBatchBuilder("perf", layout, new BundleColumns("b", null, "h"), batchRows: 1_000_000, batchBytes: 256 << 10, layout.MetricCount);
        var values = new double[layout.MetricCount];
        var labels = new string?[layout.Group.Labels.Count];
        var sealedBatches = new List<CopyBatch>();
        for (var i = 0; i < 20_000; i++)
        {
            labels[2] = new string('e', i % 500);
            var full = builder.Append(i, labels, values, out var before);
            if (before is not null) sealedBatches.Add(before);
            if (full is not null) sealedBatches.Add(full);
            Assert.True(builder.OpenBytes <= 256 << 10, $"buffer grew to {builder.OpenBytes}");
        }
        Assert.NotEmpty(sealedBatches);
        Assert.All(sealedBatches, b => Assert.True(b.Length <= 256 << 10 && b.Data.Length <= 256 << 10));
        Assert.Equal(20_000, sealedBatches.Sum(b => b.Rows) + builder.OpenRows);
        foreach (var b in sealedBatches) b.Release();
        builder.Release();
    }
}
