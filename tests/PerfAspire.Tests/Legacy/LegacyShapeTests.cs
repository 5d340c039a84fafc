using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PerfAspire.Tests.Analysis;
using PerfAspire.Tests.Infrastructure;
using PerfAspire.Tests.Mcp;

namespace PerfAspire.Tests.Legacy;

/// <summary>
/// The legacy tools' answer shapes, pinned: one golden file per tool (Golden/&lt;tool&gt;.shape.json) holding the
/// answer's structure — member names and value kinds, arrays by their first element — so a renamed, dropped or
/// retyped member fails here. Regenerate intended changes with
/// <c>UPDATE_GOLDEN=1 dotnet test tests/PerfAspire.Tests --filter "FullyQualifiedName~LegacyShapeTests"</c> and review the diff.
/// </summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class LegacyShapeTests(DatabaseFixture db)
{
    public static TheoryData<string, string> Calls => new()
    {
        { "metrics_list", """{"prefix": "cpu_"}""" },
        { "metric_metadata", """{"metric": "cpu_utilization"}""" },
        { "label_values", """{"label": "cpu", "metric": "cpu_utilization"}""" },
        { "query_range", """{"metric": "cpu_utilization{cpu=\"cpu\"}"}""" },
        { "graph_timeseries", """{"metrics": ["cpu_utilization{cpu=\"cpu\"}", "mem_available_percent"]}""" },
        { "graph_compare", """{"primary": "cpu_utilization{cpu=\"cpu\"}", "comparators": ["mem_available_percent"]}""" },
        { "graph_topk", """{"metric": "top_cpu_percent", "k": 3}""" },
        { "graph_latency_histogram", """{"histogram": "dbwr"}""" },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Answer_shape_matches_the_golden_file(string tool, string argsJson)
    {
        var env = await AnalysisEnvironment.GetAsync(db);
        var reply = await ToolReply.OkAsync(env.Client, tool, JsonSerializer.Deserialize<Dictionary<string, object?>>(argsJson));
        Assert.True(reply.Body.TryGetProperty("expression", out var expression) && expression.ValueKind == JsonValueKind.String,
            $"{tool} answers no 'expression': {reply.Body}");
        Assert.True(reply.Body.TryGetProperty("warnings", out var warnings) && warnings.ValueKind == JsonValueKind.Array, $"{tool} answers no 'warnings' array");

        var shape = Shape(reply.Body).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        var path = Path.Combine(GoldenDir(), tool + ".shape.json");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") await File.WriteAllTextAsync(path, shape, new UTF8Encoding(false));
        Assert.True(File.Exists(path), $"golden file {path} is missing; run with UPDATE_GOLDEN=1 to create it");
        Assert.Equal(await File.ReadAllTextAsync(path), shape);
    }

    [Fact]
    public async Task Query_range_with_start_ms_and_end_ms_returns_exactly_that_window()
    {
        var env = await AnalysisEnvironment.GetAsync(db);
        var start = AnalysisBundleData.T0.AddMinutes(10);
        var end = AnalysisBundleData.T0.AddMinutes(20);
        var reply = await ToolReply.OkAsync(env.Client, "query_range", new
        {
            metric = "cpu_utilization{cpu=\"cpu\"}",
            start_ms = start.ToUnixTimeMilliseconds(),
            end_ms = end.ToUnixTimeMilliseconds(),
            step_ms = 60_000,
        });
        Assert.Equal("2025-07-01T00:10:00Z", reply.Body.GetProperty("start").GetString());
        Assert.Equal("2025-07-01T00:20:00Z", reply.Body.GetProperty("end").GetString());
        Assert.Equal(60, reply.Body.GetProperty("step_seconds").GetDouble());
        var ts = reply.Body.GetProperty("series")[0].GetProperty("samples").EnumerateArray().Select(s => s.GetProperty("ts").GetInt64()).ToList();
        Assert.NotEmpty(ts);
        Assert.All(ts, t => Assert.InRange(t, start.ToUnixTimeMilliseconds(), end.ToUnixTimeMilliseconds()));
        Assert.Equal(start.ToUnixTimeMilliseconds(), ts.Min());
        Assert.InRange(ts.Count, 10, 11);

        // Both forms of one bound at once is ambiguous, not silently resolved.
        var both = await ToolReply.CallAsync(env.Client, "query_range", new { metric = "cpu_utilization", start = "bundle_start", start_ms = start.ToUnixTimeMilliseconds() });
        Assert.True(both.IsError);
        Assert.Equal("invalid_argument", both.Body.GetProperty("error").GetProperty("code").GetString());
    }

    /// <summary>
    /// A window that does not start on a step boundary (of time_bucket's default origin): the buckets are counted from
    /// start_ms, so the first point is at start_ms, every point is a whole number of steps after it and none lies
    /// outside the window; query_run and the in-memory downsampling count from the same start.
    /// </summary>
    [Theory]
    [InlineData(17_500, 60_000)]
    [InlineData(41_000, 120_000)]
    [InlineData(59_999, 300_000)]
    public async Task Query_range_with_an_unaligned_window_counts_its_steps_from_start_ms(long offsetMs, long stepMs)
    {
        var env = await AnalysisEnvironment.GetAsync(db);
        var startMs = AnalysisBundleData.T0.AddMinutes(10).ToUnixTimeMilliseconds() + offsetMs;
        var endMs = startMs + 40 * 60_000;
        var reply = await ToolReply.OkAsync(env.Client, "query_range", new
        {
            metric = "cpu_utilization{cpu=\"cpu\"}",
            start_ms = startMs,
            end_ms = endMs,
            step_ms = stepMs,
        });
        Assert.Equal(stepMs / 1000, reply.Body.GetProperty("step_seconds").GetInt64());
        var ts = reply.Body.GetProperty("series")[0].GetProperty("samples").EnumerateArray().Select(s => s.GetProperty("ts").GetInt64()).ToList();
        Assert.NotEmpty(ts);
        Assert.Equal(startMs, ts[0]);
        Assert.All(ts, t => Assert.InRange(t, startMs, endMs));
        Assert.All(ts, t => Assert.Equal(0, (t - startMs) % stepMs));

        var rows = await ToolReply.OkAsync(env.Client, "query_run", new
        {
            metric_name = "cpu_utilization",
            filters = new Dictionary<string, string> { ["cpu"] = "cpu" },
            start_time = DateTimeOffset.FromUnixTimeMilliseconds(startMs).ToString("O"),
            end_time = DateTimeOffset.FromUnixTimeMilliseconds(endMs).ToString("O"),
            step_seconds = stepMs / 1000,
        });
        var columns = rows.Body.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToList();
        var first = rows.Body.GetProperty("rows")[0][columns.IndexOf("ts_bucket")].GetString();
        Assert.Equal(startMs, DateTimeOffset.Parse(first!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds());

        // A budget that forces downsampling keeps counting from start_ms (coarser steps hold whole finer ones).
        var coarse = await ToolReply.OkAsync(env.Client, "query_range", new
        {
            metric = "top_cpu_percent",
            start_ms = startMs - 10 * 60_000,
            end_ms = startMs + 100 * 60_000,
            step_ms = 60_000,
        });
        startMs -= 10 * 60_000;
        Assert.Contains("downsampled", coarse.Body.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        var coarseStepMs = coarse.Body.GetProperty("step_seconds").GetInt64() * 1000;
        foreach (var series in coarse.Body.GetProperty("series").EnumerateArray())
        {
            var points = series.GetProperty("samples").EnumerateArray().Select(s => s.GetProperty("ts").GetInt64()).ToList();
            Assert.All(points, t => Assert.True(t >= startMs && (t - startMs) % coarseStepMs == 0, $"{t} is before {startMs} or off its {coarseStepMs} ms steps"));
        }
    }

    /// <summary>Member names and value kinds; an array by its first element; label maps keep their keys.</summary>
    static JsonNode Shape(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => new JsonObject(e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Name, (JsonNode?)Shape(p.Value)))),
        JsonValueKind.Array => e.GetArrayLength() == 0 ? new JsonArray() : new JsonArray(Shape(e[0])),
        JsonValueKind.String => JsonValue.Create("string"),
        JsonValueKind.Number => JsonValue.Create("number"),
        JsonValueKind.True or JsonValueKind.False => JsonValue.Create("boolean"),
        _ => JsonValue.Create("null"),
    };

    static string GoldenDir([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Golden");
}
