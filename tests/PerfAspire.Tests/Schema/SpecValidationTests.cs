using PerfAspire.Schema.Spec;

namespace PerfAspire.Tests.Schema;

/// <summary>Bad spec input fails with a message that names the offender.</summary>
public sealed class SpecValidationTests
{
    static MetricSpec M(string column, string[]? aliases = null) => new(column, MetricKind.Gauge, "percent", "A test metric for validation.", "computed", aliases ?? []);

    static TableGroup G(string recordGroup, string table, string prefix, LabelSpec[] labels, params MetricSpec[] metrics) =>
        new(recordGroup, table, prefix, "cpu", "CPU", labels, metrics, "A group used by the validation tests.");

    static SchemaSpecException Fails(params TableGroup[] groups) => Assert.Throws<SchemaSpecException>(() => new SchemaSpec(groups));

    [Fact]
    public void Duplicate_metric_names_across_groups()
    {
        var e = Fails(G("A", "ptops_a", "x", [], M("busy")), G("B", "ptops_b", "x", [], M("busy")));
        Assert.Contains(e.Errors, m => m.Contains("'x_busy'") && m.Contains("duplicate metric name") && m.Contains("'A'"));
    }

    [Fact]
    public void Duplicate_column_in_a_group()
    {
        var e = Fails(G("A", "ptops_a", "a", [], M("busy"), M("busy")));
        Assert.Contains(e.Errors, m => m.Contains("column 'busy' is defined twice"));
    }

    [Fact]
    public void Alias_colliding_with_a_real_metric()
    {
        var e = Fails(G("A", "ptops_a", "a", [], M("busy"), M("idle", ["a_busy"])));
        Assert.Contains(e.Errors, m => m.Contains("alias 'a_busy'") && m.Contains("collides with a real metric"));
    }

    [Fact]
    public void Alias_used_twice()
    {
        var e = Fails(G("A", "ptops_a", "a", [], M("busy", ["legacy"]), M("idle", ["legacy"])));
        Assert.Contains(e.Errors, m => m.Contains("alias 'legacy'") && m.Contains("already an alias of metric 'a_busy'"));
    }

    [Fact]
    public void Label_that_is_also_a_metric_column()
    {
        var e = Fails(G("A", "ptops_a", "a", [new LabelSpec("cpu", "the cpu")], M("cpu")));
        Assert.Contains(e.Errors, m => m.Contains("label 'cpu' is also a metric column"));
    }

    [Theory]
    [InlineData("Busy")]
    [InlineData("busy-percent")]
    [InlineData("1busy")]
    [InlineData("busy; drop table x")]
    public void Bad_identifiers(string column)
    {
        var e = Fails(G("A", "ptops_a", "a", [], M(column)));
        Assert.Contains(e.Errors, m => m.Contains($"'{column}' is not a valid identifier"));
    }

    [Fact]
    public void Names_that_would_clash_with_schema_objects()
    {
        Assert.Contains(Fails(G("A", "cpu", "a", [], M("busy"))).Errors, m => m.Contains("must start with 'ptops_'"));
        Assert.Contains(Fails(G("A", "ptops_a", "a", [], M("busy", ["metric_catalog"]))).Errors, m => m.Contains("collides with a table"));
        Assert.Contains(Fails(G("A", "ptops_a", "a", [new LabelSpec("host", "dup")], M("busy"))).Errors, m => m.Contains("label 'host' is a common column"));
        Assert.Contains(Fails(G("A", "ptops_a", "a", [], M("busy")), G("B", "ptops_a", "b", [], M("idle"))).Errors, m => m.Contains("table 'ptops_a' is already used by group 'A'"));
        var tooLong = new string('x', 60);
        Assert.Contains(Fails(G("A", "ptops_a", "abcdef", [], M(tooLong))).Errors, m => m.Contains("metric name is not a valid identifier"));
    }

    [Fact]
    public void The_exception_message_lists_every_offender()
    {
        var e = Fails(G("A", "ptops_a", "a", [new LabelSpec("cpu", "the cpu")], M("cpu"), M("Bad")));
        Assert.Contains("label 'cpu' is also a metric column", e.Message);
        Assert.Contains("'Bad' is not a valid identifier", e.Message);
    }
}
