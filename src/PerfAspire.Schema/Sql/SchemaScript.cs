using System.Security.Cryptography;
using System.Text;
using PerfAspire.Schema.Query;
using PerfAspire.Schema.Spec;

namespace PerfAspire.Schema.Sql;

/// <summary>
/// Generates the whole database schema from the spec. Deterministic: the same spec and options give a
/// byte-identical script (LF line ends, spec order, no clocks). Every statement is idempotent
/// (IF NOT EXISTS, CREATE OR REPLACE, guarded ALTERs, upserts), so the script both creates a fresh schema
/// and upgrades an older one in place; nothing is ever dropped.
/// </summary>
public static class SchemaScript
{
    /// <summary>Bumped when the generator's output changes shape for the same spec.</summary>
    public const int GeneratorVersion = 2;

    public static string Generate(SchemaSpec spec, SchemaScriptOptions options)
    {
        var o = options;
        SqlIdentifier.Quote(o.Schema);
        var sb = new StringBuilder(512 * 1024);
        sb.Append("-- PerfAspire schema script, generated from the declarative spec by PerfAspire.Schema (do not edit).\n")
          .Append("-- generator ").Append(GeneratorVersion).Append(", schema ").Append(o.Schema)
          .Append(", mode ").Append(o.Timescale ? "timescaledb" : "postgresql")
          .Append(", groups ").Append(spec.Groups.Count).Append(", metrics ").Append(spec.Metrics.Count()).Append('\n')
          .Append("SET LOCAL client_min_messages = warning;\n\n");

        InfrastructureDdl.Append(sb, o);
        sb.Append("-- Bundle lifecycle\n").Append(Normalize(LifecycleDdl.Script.Replace("{schema}", SqlIdentifier.Quote(o.Schema)))).Append("\n\n");
        sb.Append("-- Series rollup\n").Append(Normalize(RollupDdl.Script.Replace("{schema}", SqlIdentifier.Quote(o.Schema)))).Append("\n\n");
        sb.Append("-- Docs service\n").Append(Normalize(DocsDdl.Script.Replace("{schema}", SqlIdentifier.Quote(o.Schema)))).Append("\n\n");
        CatalogDdl.AppendTables(sb, o);

        foreach (var g in spec.Groups) TableDdl.AppendCreate(sb, g, o);
        TableDdl.AppendCreateTextRecords(sb, o);
        TableDdl.AppendMissingColumns(sb, spec.Groups.SelectMany(TableDdl.Columns).Concat(TableDdl.TextRecordColumns()), o);

        sb.Append("-- Indexes\n");
        foreach (var g in spec.Groups) TableDdl.AppendIndexes(sb, g, o);
        TableDdl.AppendTextRecordIndexes(sb, o);
        sb.Append('\n');

        if (o.Timescale)
        {
            sb.Append("-- Compression (no retention policy: retention is by bundle load age, done by ingestion)\n");
            foreach (var g in spec.Groups) TableDdl.AppendCompression(sb, g, o);
            sb.Append('\n');
        }

        sb.Append("-- One view per metric\n");
        foreach (var g in spec.Groups)
        {
            foreach (var m in g.Metrics) ViewDdl.AppendMetricView(sb, g, m, o);
        }
        sb.Append("\n-- Alias views for legacy names\n");
        foreach (var g in spec.Groups)
        {
            foreach (var m in g.Metrics) ViewDdl.AppendAliasViews(sb, g, m, o);
        }
        sb.Append("\n-- Catalog rows\n");
        CatalogDdl.AppendTableSchemaRows(sb, spec.Groups, includeTextRecords: true, o, CatalogWrite.Upsert);
        CatalogDdl.AppendMetricRows(sb, spec.Groups, o, CatalogWrite.Upsert);
        CatalogDdl.AppendPatternRows(sb, QueryPatterns.All, o);
        return Normalize(sb.ToString());
    }

    /// <summary>
    /// The DDL that brings one group's objects up to a runtime layout: the table (when
    /// <paramref name="tableExists"/> is false, with its indexes and compression), the missing columns, the views
    /// not in <paramref name="existingViews"/> and the catalog rows. Used by the schema auto-updater, which passes
    /// what it found so that nothing already there is touched (no index or view lock while ingestion runs).
    /// </summary>
    public static string ForGroup(TableGroup group, SchemaScriptOptions options, bool tableExists = false,
        IReadOnlySet<string>? existingViews = null, CatalogWrite mode = CatalogWrite.InsertMissing)
    {
        var errors = SpecValidator.Validate([group], requireDocs: false);
        if (errors.Count > 0) throw new SchemaSpecException(errors);
        var o = options;
        existingViews ??= new HashSet<string>();
        var sb = new StringBuilder(16 * 1024);
        sb.Append("SET LOCAL client_min_messages = warning;\n\n");
        if (o.Timescale && !tableExists)
        {
            // The extension's API (create_hypertable, add_compression_policy) is called unqualified.
            sb.Append("""
                DO $do$
                BEGIN
                  PERFORM pg_catalog.set_config('search_path', (
                    SELECT pg_catalog.format('%I, pg_catalog', n.nspname)
                    FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
                    WHERE e.extname = 'timescaledb'), true);
                END
                $do$;


                """);
        }
        if (!tableExists) TableDdl.AppendCreate(sb, group, o);
        TableDdl.AppendMissingColumns(sb, TableDdl.Columns(group), o);
        if (!tableExists)
        {
            TableDdl.AppendIndexes(sb, group, o);
            if (o.Timescale) TableDdl.AppendCompression(sb, group, o);
        }
        sb.Append('\n');
        foreach (var m in group.Metrics.Where(m => !existingViews.Contains(group.MetricName(m)))) ViewDdl.AppendMetricView(sb, group, m, o);
        foreach (var m in group.Metrics) ViewDdl.AppendAliasViews(sb, group, m, o, existingViews);
        sb.Append('\n');
        CatalogDdl.AppendTableSchemaRows(sb, [group], includeTextRecords: false, o, mode);
        CatalogDdl.AppendMetricRows(sb, [group], o, mode);
        return Normalize(sb.ToString());
    }

    /// <summary>Lower-case hex SHA-256 of a script (stored in schema_version).</summary>
    public static string Sha256(string script) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(script)));

    static string Normalize(string s) => s.ReplaceLineEndings("\n");
}
