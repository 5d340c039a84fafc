using Npgsql;
using PerfAspire.Schema.Spec;
using PerfAspire.Schema.Sql;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Schema;

/// <summary>
/// The TimescaleDB flavour of the script. Where the test server has the extension (the timescale flavour) it
/// runs for real; on plain PostgreSQL it runs against a stand-in of the extension API that records its calls,
/// so its SQL and PL/pgSQL are still checked and we see what it asks TimescaleDB to do. The stand-in is a
/// contrib extension (pg_trgm) installed into a schema that also holds stubs of create_hypertable,
/// add_compression_policy, time_bucket and timescaledb_information.hypertables.
/// </summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class TimescaleScriptTests(DatabaseFixture db)
{
    const string Stubs = """
        CREATE SCHEMA tsstub;
        CREATE EXTENSION pg_trgm SCHEMA tsstub;
        CREATE TABLE tsstub.calls (fn text, rel text, arg text);
        CREATE FUNCTION tsstub.time_bucket(bucket_width interval, ts timestamptz) RETURNS timestamptz
          LANGUAGE sql IMMUTABLE AS $$ SELECT date_bin(bucket_width, ts, TIMESTAMPTZ '2000-01-03 00:00:00+00') $$;
        CREATE FUNCTION tsstub.time_bucket(bucket_width interval, ts timestamptz, origin timestamptz) RETURNS timestamptz
          LANGUAGE sql IMMUTABLE AS $$ SELECT date_bin(bucket_width, ts, origin) $$;
        CREATE FUNCTION tsstub.create_hypertable(relation regclass, time_column_name name, chunk_time_interval interval DEFAULT NULL,
            if_not_exists boolean DEFAULT false, migrate_data boolean DEFAULT false, create_default_indexes boolean DEFAULT true) RETURNS text
          LANGUAGE sql AS $$ INSERT INTO tsstub.calls VALUES ('create_hypertable', relation::text,
            time_column_name || ' ' || chunk_time_interval::text || ' ' || if_not_exists || ' ' || migrate_data || ' ' || create_default_indexes) RETURNING 'ok' $$;
        CREATE FUNCTION tsstub.add_compression_policy(hypertable regclass, compress_after interval DEFAULT NULL, if_not_exists boolean DEFAULT false,
            compress_created_before interval DEFAULT NULL) RETURNS integer
          LANGUAGE sql AS $$ INSERT INTO tsstub.calls VALUES ('add_compression_policy', hypertable::text,
            coalesce('after ' || compress_after::text, 'created_before ' || compress_created_before::text)) RETURNING 1 $$;
        CREATE SCHEMA timescaledb_information;
        -- Reports compression as already enabled: plain PostgreSQL rejects the timescaledb.* storage options,
        -- so the ALTER TABLE ... SET branch is compiled (syntax-checked) but not executed.
        CREATE VIEW timescaledb_information.hypertables AS
          SELECT schemaname::text AS hypertable_schema, tablename::text AS hypertable_name, true AS compression_enabled FROM pg_tables;
        """;

    [Fact]
    public async Task Timescale_script_runs_on_the_real_extension_or_a_stand_in_of_its_api()
    {
        var cs = await db.CreateDatabaseAsync();
        var spec = SchemaSpec.Default;
        var script = SchemaScript.Generate(spec, new SchemaScriptOptions(Timescale: true, ChunkDays: 2, CompressionAfterDays: 7));
        Assert.Equal(1, CountOf(script, "e.extname = 'timescaledb'"));
        if (db.TimescaleAvailable)
        {
            await RealExtensionAsync(cs, spec, script);
            return;
        }
        var stubbed = script.Replace("e.extname = 'timescaledb'", "e.extname = 'pg_trgm'").Replace("WHERE extname = 'timescaledb'", "WHERE extname = 'pg_trgm'");

        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await using (var cmd = new NpgsqlCommand(Stubs, conn)) await cmd.ExecuteNonQueryAsync();
            await using (var cmd = new NpgsqlCommand(stubbed, conn)) await cmd.ExecuteNonQueryAsync();
            // Twice: every statement is idempotent in this flavour too.
            await using (var cmd = new NpgsqlCommand(stubbed, conn)) await cmd.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }

        var hypertables = await SchemaDb.RowsAsync(cs, "SELECT DISTINCT rel, arg FROM tsstub.calls WHERE fn = 'create_hypertable' ORDER BY rel");
        Assert.Equal(spec.Groups.Select(g => "perf." + g.Table).Order(StringComparer.Ordinal), hypertables.Select(r => (string)r[0]!).Order(StringComparer.Ordinal));
        Assert.All(hypertables, r => Assert.Equal("ts 2 days true true false", r[1]));
        var policies = await SchemaDb.RowsAsync(cs, "SELECT DISTINCT rel, arg FROM tsstub.calls WHERE fn = 'add_compression_policy'");
        Assert.Equal(spec.Groups.Count, policies.Count);
        // pg_trgm's version (1.x) is below 2.15, so the sample-age form is chosen; 2.15+ takes compress_created_before.
        Assert.All(policies, r => Assert.Equal("after 7 days", r[1]));
        Assert.False(await SchemaDb.ScalarAsync<bool>(cs, "SELECT EXISTS (SELECT 1 FROM tsstub.calls WHERE rel = 'perf.ptops_text_records')"));

        // perf.time_bucket is the thin wrapper over the extension's function.
        Assert.Contains("tsstub.time_bucket", await SchemaDb.ScalarAsync<string>(cs, "SELECT string_agg(prosrc, ' ') FROM pg_proc WHERE proname = 'time_bucket' AND pronamespace = 'perf'::regnamespace"));
        Assert.Equal(new DateTime(2025, 6, 28, 0, 10, 0, DateTimeKind.Utc),
            await SchemaDb.ScalarAsync<DateTime>(cs, "SELECT perf.time_bucket(INTERVAL '5 minutes', TIMESTAMPTZ '2025-06-28 00:14:59+00')"));
        Assert.Equal(new DateTime(2025, 6, 28, 0, 12, 30, DateTimeKind.Utc),
            await SchemaDb.ScalarAsync<DateTime>(cs, "SELECT perf.time_bucket(INTERVAL '5 minutes', TIMESTAMPTZ '2025-06-28 00:14:59+00', TIMESTAMPTZ '2025-06-28 00:02:30+00')"));
        Assert.Equal((long)spec.Metrics.Count(), await SchemaDb.ScalarAsync<long>(cs, "SELECT count(*) FROM perf.metric_catalog"));
    }

    static async Task RealExtensionAsync(string cs, SchemaSpec spec, string script)
    {
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            await using var tx = await conn.BeginTransactionAsync();
            await using (var cmd = new NpgsqlCommand("CREATE EXTENSION timescaledb", conn)) await cmd.ExecuteNonQueryAsync();
            await using (var cmd = new NpgsqlCommand(script, conn)) await cmd.ExecuteNonQueryAsync();
            await using (var cmd = new NpgsqlCommand(script, conn)) await cmd.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }

        var hypertables = await SchemaDb.RowsAsync(cs, """
            SELECT h.hypertable_name, d.time_interval::text, h.compression_enabled
            FROM timescaledb_information.hypertables h
            JOIN timescaledb_information.dimensions d USING (hypertable_schema, hypertable_name)
            WHERE h.hypertable_schema = 'perf'
            """);
        Assert.Equal(spec.Groups.Select(g => g.Table).Order(StringComparer.Ordinal), hypertables.Select(r => (string)r[0]!).Order(StringComparer.Ordinal));
        Assert.All(hypertables, r => Assert.Equal(("2 days", true), ((string)r[1]!, (bool)r[2]!)));
        var policies = await SchemaDb.RowsAsync(cs, """
            SELECT hypertable_name, coalesce(config->>'compress_created_before', config->>'compress_after')
            FROM timescaledb_information.jobs WHERE proc_name = 'policy_compression' AND hypertable_schema = 'perf'
            """);
        Assert.Equal(spec.Groups.Count, policies.Count);
        Assert.All(policies, r => Assert.Equal("7 days", r[1]));
        Assert.False(await SchemaDb.ScalarAsync<bool>(cs, "SELECT EXISTS (SELECT 1 FROM timescaledb_information.hypertables WHERE hypertable_name = 'ptops_text_records')"));

        Assert.Contains("time_bucket", await SchemaDb.ScalarAsync<string>(cs, "SELECT string_agg(prosrc, ' ') FROM pg_proc WHERE proname = 'time_bucket' AND pronamespace = 'perf'::regnamespace"));
        Assert.Equal(new DateTime(2025, 6, 28, 0, 10, 0, DateTimeKind.Utc),
            await SchemaDb.ScalarAsync<DateTime>(cs, "SELECT perf.time_bucket(INTERVAL '5 minutes', TIMESTAMPTZ '2025-06-28 00:14:59+00')"));
        Assert.Equal(new DateTime(2025, 6, 28, 0, 12, 30, DateTimeKind.Utc),
            await SchemaDb.ScalarAsync<DateTime>(cs, "SELECT perf.time_bucket(INTERVAL '5 minutes', TIMESTAMPTZ '2025-06-28 00:14:59+00', TIMESTAMPTZ '2025-06-28 00:02:30+00')"));
        Assert.Equal((long)spec.Metrics.Count(), await SchemaDb.ScalarAsync<long>(cs, "SELECT count(*) FROM perf.metric_catalog"));
    }

    static int CountOf(string s, string what)
    {
        var n = 0;
        for (var i = s.IndexOf(what, StringComparison.Ordinal); i >= 0; i = s.IndexOf(what, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
