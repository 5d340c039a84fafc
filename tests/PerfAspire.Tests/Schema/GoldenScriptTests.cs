using System.Runtime.CompilerServices;
using PerfAspire.Schema.Spec;
using PerfAspire.Schema.Sql;

namespace PerfAspire.Tests.Schema;

/// <summary>
/// The generated script is deterministic and reviewed as a file. After an intended change to the spec or
/// the generator, regenerate the golden files and review their diff:
/// <c>UPDATE_GOLDEN=1 dotnet test tests/PerfAspire.Tests --filter "FullyQualifiedName~GoldenScriptTests"</c>
/// (see Golden/README.md).
/// </summary>
public sealed class GoldenScriptTests
{
    [Theory]
    [InlineData(false, "schema.postgresql.sql")]
    [InlineData(true, "schema.timescaledb.sql")]
    public void Script_matches_the_golden_file(bool timescale, string file)
    {
        var script = SchemaScript.Generate(SchemaSpec.Default, new SchemaScriptOptions(Timescale: timescale));
        var path = Path.Combine(GoldenDir(), file);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, script);
        }
        Assert.True(File.Exists(path), $"golden file {path} is missing; run with UPDATE_GOLDEN=1 to create it");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != script)
        {
            var i = 0;
            while (i < expected.Length && i < script.Length && expected[i] == script[i]) i++;
            var line = expected[..i].Count(c => c == '\n') + 1;
            Assert.Fail($"generated script differs from {file} at line {line}; if the change is intended, regenerate with UPDATE_GOLDEN=1 and review the diff");
        }
    }

    [Fact]
    public void Same_spec_gives_byte_identical_scripts()
    {
        var a = SchemaScript.Generate(SchemaSpec.Default, new SchemaScriptOptions(Timescale: true));
        var rebuilt = new SchemaSpec(SchemaSpec.Default.Groups.Select(g => g with { }).ToList());
        var b = SchemaScript.Generate(rebuilt, new SchemaScriptOptions(Timescale: true));
        Assert.Equal(SchemaScript.Sha256(a), SchemaScript.Sha256(b));
        Assert.DoesNotContain("\r", a);
    }

    [Fact]
    public void Modes_differ_only_where_they_must()
    {
        var plain = SchemaScript.Generate(SchemaSpec.Default, new SchemaScriptOptions(Timescale: false));
        var ts = SchemaScript.Generate(SchemaSpec.Default, new SchemaScriptOptions(Timescale: true));
        Assert.DoesNotContain("create_hypertable", plain);
        Assert.DoesNotContain("timescaledb.compress", plain);
        Assert.Contains("date_bin", plain);
        Assert.Contains("create_hypertable('perf.ptops_cpu', 'ts', chunk_time_interval => INTERVAL '1 day'", ts);
        Assert.Contains("timescaledb.compress_segmentby = 'bundle_id, cpu'", ts);
        Assert.Contains("timescaledb.compress_orderby = 'ts'", ts);
        Assert.Contains("add_compression_policy", ts);
        // Retention is by bundle load age and done by ingestion, never by sample age.
        Assert.DoesNotContain("add_retention_policy", ts);
        Assert.DoesNotContain("add_retention_policy", plain);
        // Queries are identical in both modes: both define <schema>.time_bucket.
        Assert.Contains("CREATE OR REPLACE FUNCTION perf.time_bucket", plain);
        Assert.Contains("'CREATE OR REPLACE FUNCTION %I.time_bucket", ts);
    }

    static string GoldenDir([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Golden");
}
