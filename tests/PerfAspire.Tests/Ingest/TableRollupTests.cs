using System.Text.Json;
using PerfAspire.Ingest.Writing;
using PerfAspire.Schema.Runtime;
using PerfAspire.Schema.Spec;

namespace PerfAspire.Tests.Ingest;

/// <summary>The in-process series rollup: statistics per series and metric, series identity by label value.</summary>
public sealed class TableRollupTests
{
    static TableLayout Top() => new(SchemaSpec.Default.Groups.Single(g => g.Table == "ptops_top"));

    static string?[] Labels(TableLayout layout, params string?[] first)
    {
        var labels = new string?[layout.Group.Labels.Count];
        Array.Copy(first, labels, first.Length);
        return labels;
    }

    [Fact]
    public void Statistics_per_series_ignore_nulls_and_keep_first_and_last_by_time()
    {
        var layout = Top();
        var rollup = new TableRollup(layout);
        var values = new double[layout.MetricCount];
        Array.Fill(values, double.NaN);
        var a = Labels(layout, "1", "0", "init");
        rollup.BeginFile();
        values[0] = 5; rollup.Add(200, a, values, values.Length);
        values[0] = 1; rollup.Add(100, a, values, values.Length);   // older sample arriving later
        values[0] = double.NaN; rollup.Add(300, a, values, values.Length);
        values[0] = 9; rollup.Add(400, a, values, values.Length);

        var (labels, stat) = Assert.Single(rollup.Column(0));
        Assert.Equal(a, labels);
        Assert.Equal(3, stat.Count);
        Assert.Equal(15, stat.Sum);
        Assert.Equal(1, stat.Min);
        Assert.Equal(9, stat.Max);
        Assert.Equal((100, 1.0), (stat.FirstTs, stat.FirstValue));
        Assert.Equal((400, 9.0), (stat.LastTs, stat.LastValue));
        Assert.Empty(rollup.Column(1));
    }

    [Fact]
    public void Equal_labels_from_different_files_are_one_series_and_different_ones_are_not()
    {
        var layout = Top();
        var rollup = new TableRollup(layout);
        var values = new double[layout.MetricCount];
        values.AsSpan().Fill(1);
        rollup.BeginFile();
        rollup.Add(1, Labels(layout, "1", "0", "init"), values, values.Length);
        rollup.Add(2, Labels(layout, "2", "0", "named"), values, values.Length);
        rollup.Add(3, Labels(layout, "2", "0", null), values, values.Length);
        rollup.BeginFile();
        // New string instances with the same text, as the next file's label cache hands out.
        rollup.Add(4, Labels(layout, new string('1', 1), "0", string.Concat("in", "it")), values, values.Length);
        Assert.Equal(3, rollup.SeriesCount);
        var init = rollup.Column(0).Single(s => s.Labels[0] == "1");
        Assert.Equal(2, init.Stat.Count);
        Assert.Equal(4, init.Stat.LastTs);
    }

    [Fact]
    public void Discovered_columns_are_rolled_up_under_their_metric_name_and_null_labels_are_left_out()
    {
        var layout = Top();
        var rollup = new TableRollup(layout);
        var values = new double[layout.MetricCount];
        Array.Fill(values, double.NaN);
        rollup.BeginFile();
        values[0] = 2;
        rollup.Add(1, Labels(layout, "7", null, "x"), values, values.Length);
        var index = layout.AddDiscovered(new MetricSpec("new_thing", MetricKind.Gauge, "", "discovered", SourceKey: "new_thing"));
        var wider = new double[layout.MetricCount];
        Array.Fill(wider, double.NaN);
        wider[index] = 42;
        rollup.Add(2, Labels(layout, "7", null, "x"), wider, wider.Length);

        var rows = BundleSeriesRows.From([rollup], _ => true);
        Assert.Equal(["ptops_top"], rows.Tables);
        var discovered = Assert.Single(rows.Rows, r => r.Metric == layout.Group.MetricName(layout.Metrics[index]));
        Assert.Equal(42, discovered.Stat.Sum);
        var first = Assert.Single(rows.Rows, r => r.Metric == layout.Group.MetricName(layout.Metrics[0]));
        Assert.Equal(2, first.Stat.Sum);
        var labels = JsonDocument.Parse(first.LabelsJson).RootElement;
        var names = labels.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal([layout.Group.Labels[0].Name, layout.Group.Labels[2].Name], names);
        Assert.Equal("7", labels.GetProperty(layout.Group.Labels[0].Name).GetString());

        Assert.Empty(BundleSeriesRows.From([rollup], _ => false).Rows);
    }

    [Fact]
    public void Too_many_series_drop_the_table_rollup_instead_of_growing_without_bound()
    {
        var layout = Top();
        var rollup = new TableRollup(layout);
        var values = new double[layout.MetricCount];
        values.AsSpan().Fill(1);
        rollup.BeginFile();
        for (var i = 0; i <= TableRollup.MaxSeries; i++) rollup.Add(i, Labels(layout, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), values, values.Length);
        Assert.True(rollup.Overflowed);
        Assert.Empty(rollup.Column(0));
        var rows = BundleSeriesRows.From([rollup], _ => true);
        Assert.Empty(rows.Rows);
        Assert.Equal(["ptops_top"], rows.Tables);
    }
}
