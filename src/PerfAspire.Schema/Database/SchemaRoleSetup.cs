using Npgsql;
using PerfAspire.Schema.Query;
using PerfAspire.Schema.Sql;

namespace PerfAspire.Schema.Database;

/// <summary>
/// Creates the reader and writer roles (when the connecting user may create roles) and grants them their
/// rights on the schema, including tables and views created later (default privileges of the migrating user,
/// who also runs run-time auto-updates). Everything is repeatable: re-granting an existing privilege changes nothing.
/// </summary>
internal static class SchemaRoleSetup
{
    /// <summary>Returns null when both roles are in place, else a note saying what was skipped and why.</summary>
    public static async Task<string?> ApplyAsync(NpgsqlConnection conn, string schema, CancellationToken ct)
    {
        var s = SqlIdentifier.Quote(schema);
        var reader = SchemaRoles.ReaderFor(schema);
        var writer = SchemaRoles.WriterFor(schema);
        bool superuser, createRole;
        await using (var cmd = new NpgsqlCommand("SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user", conn))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            await r.ReadAsync(ct);
            superuser = r.GetBoolean(0);
            createRole = r.GetBoolean(1);
        }

        var skipped = new List<string>();
        foreach (var (role, grants) in new[]
        {
            (reader, new[]
            {
                $"GRANT USAGE ON SCHEMA {s} TO {SqlIdentifier.Quote(reader)}",
                $"GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO {SqlIdentifier.Quote(reader)}",
                $"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT SELECT ON TABLES TO {SqlIdentifier.Quote(reader)}",
            }),
            (writer, new[]
            {
                $"GRANT USAGE ON SCHEMA {s} TO {SqlIdentifier.Quote(writer)}",
                $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {SqlIdentifier.Quote(writer)}",
                $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {SqlIdentifier.Quote(writer)}",
                $"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {SqlIdentifier.Quote(writer)}",
                $"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT USAGE, SELECT ON SEQUENCES TO {SqlIdentifier.Quote(writer)}",
            }),
        })
        {
            if (!await RoleExistsAsync(conn, role, ct))
            {
                if (!superuser && !createRole)
                {
                    skipped.Add($"role {role} does not exist and the migrating user may not create roles (needs CREATEROLE); create it once as an administrator: CREATE ROLE {role} NOLOGIN, then restart");
                    continue;
                }
                // Roles are cluster-wide: a migration of another database may create it at the same moment.
                if (!await TryAsync(conn, $"CREATE ROLE {SqlIdentifier.Quote(role)} NOLOGIN", ct) && !await RoleExistsAsync(conn, role, ct))
                {
                    skipped.Add($"role {role} could not be created");
                    continue;
                }
            }
            // A GRANT rewrites the catalog rows of every table (and, with TimescaleDB, of every chunk) even when
            // nothing changes, and a load creating a chunk at that moment fails with "tuple concurrently updated":
            // a server starting while another loads must not re-grant what is already granted.
            if (await MissingGrantsAsync(conn, schema, role, role == writer, ct))
            {
                foreach (var g in grants) await SchemaMigrator.ExecAsync(conn, g, ct);
            }
            // SET ROLE needs membership; superusers have it implicitly.
            if (!superuser && !await IsMemberAsync(conn, role, ct) && !await TryAsync(conn, $"GRANT {SqlIdentifier.Quote(role)} TO CURRENT_USER", ct))
            {
                skipped.Add($"the migrating user is not a member of {role}, so it cannot SET ROLE {role}; grant it: GRANT {role} TO <service user>");
            }
        }
        return skipped.Count == 0 ? null : string.Join("; ", skipped);
    }

    /// <summary>
    /// Whether the role lacks a right it is granted here: usage on the schema, its table rights on a table or view
    /// of the schema, usage on a sequence (writer), or the default privileges for tables created later.
    /// </summary>
    static async Task<bool> MissingGrantsAsync(NpgsqlConnection conn, string schema, string role, bool writer, CancellationToken ct)
    {
        var tableRights = writer ? "SELECT, INSERT, UPDATE, DELETE" : "SELECT";
        await using var cmd = new NpgsqlCommand($"""
            WITH me AS (SELECT oid FROM pg_roles WHERE rolname = current_user),
                 grantee AS (SELECT oid FROM pg_roles WHERE rolname = $2)
            SELECT NOT has_schema_privilege($2, n.oid, 'USAGE')
                OR EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = n.oid
                           AND CASE WHEN c.relkind IN ('r', 'p', 'v', 'm', 'f') THEN NOT has_table_privilege($2, c.oid, '{tableRights}') ELSE false END)
                OR ($3 AND EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = n.oid
                                   AND CASE WHEN c.relkind = 'S' THEN NOT has_sequence_privilege($2, c.oid, 'USAGE, SELECT') ELSE false END))
                OR (SELECT count(DISTINCT a.privilege_type) FROM pg_default_acl d, aclexplode(d.defaclacl) a
                    WHERE d.defaclnamespace = n.oid AND d.defaclrole = (SELECT oid FROM me) AND d.defaclobjtype = 'r'
                      AND a.grantee = (SELECT oid FROM grantee)) < (CASE WHEN $3 THEN 4 ELSE 1 END)
                OR ($3 AND (SELECT count(DISTINCT a.privilege_type) FROM pg_default_acl d, aclexplode(d.defaclacl) a
                            WHERE d.defaclnamespace = n.oid AND d.defaclrole = (SELECT oid FROM me) AND d.defaclobjtype = 'S'
                              AND a.grantee = (SELECT oid FROM grantee)) < 2)
            FROM pg_namespace n WHERE n.nspname = $1
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = schema });
        cmd.Parameters.Add(new NpgsqlParameter { Value = role });
        cmd.Parameters.Add(new NpgsqlParameter { Value = writer });
        return await cmd.ExecuteScalarAsync(ct) is not false;
    }

    static async Task<bool> RoleExistsAsync(NpgsqlConnection conn, string role, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = role });
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    static async Task<bool> IsMemberAsync(NpgsqlConnection conn, string role, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_has_role(current_user, $1, 'MEMBER')", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = role });
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Runs one statement in a savepoint; false (transaction still usable) when it fails.</summary>
    static async Task<bool> TryAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await SchemaMigrator.ExecAsync(conn, SessionSql.Savepoint("perfaspire_role"), ct);
        try
        {
            await SchemaMigrator.ExecAsync(conn, sql, ct);
            await SchemaMigrator.ExecAsync(conn, SessionSql.Release("perfaspire_role"), ct);
            return true;
        }
        catch (PostgresException)
        {
            await SchemaMigrator.ExecAsync(conn, SessionSql.RollbackTo("perfaspire_role"), ct);
            return false;
        }
    }
}
