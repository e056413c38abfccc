using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NML.Matching.Api.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RegisterPools : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_candidates_provider_organisation_id_ready_since_id",
                table: "candidates",
                columns: new[] { "provider_organisation_id", "ready_since", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_candidates_region_code_created_at",
                table: "candidates",
                columns: new[] { "region_code", "created_at" });

            // The change feed of the registers for the in-memory pools of the API replicas (Features/Matching/
            // RegisterPools.cs, D35). Statement triggers on candidates and units write one row per changed row, with the
            // writing transaction's id (xid8). A reader keeps the snapshot (pg_current_snapshot) it last read at and
            // asks for the rows whose transaction that snapshot did not see: every change committed since, in any
            // order, with no shared row for writers to wait on. Rows older than a day are pruned now and then; a pool
            // older than an hour is read again in full. A TRUNCATE writes one 'truncated' row per region.
            migrationBuilder.Sql(@"
CREATE TABLE register_changes (
    region_code text NOT NULL,
    xact_id xid8 NOT NULL,
    register text NOT NULL,
    entity_id uuid NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_register_changes_region_code_xact_id ON register_changes (region_code, xact_id);
CREATE INDEX ix_register_changes_recorded_at ON register_changes (recorded_at);
CREATE FUNCTION nml_register_record(register text, region_codes text[], ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO register_changes (region_code, xact_id, register, entity_id)
        SELECT DISTINCT r.region_code, pg_current_xact_id(), register, r.id FROM unnest(region_codes, ids) AS r(region_code, id)
        WHERE r.id IS NOT NULL;
    IF random() < 0.001 THEN
        DELETE FROM register_changes WHERE recorded_at < now() - interval '1 day';
    END IF;
END $$;
CREATE FUNCTION nml_register_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM nml_register_record(TG_ARGV[0], array_agg(n.region_code), array_agg(n.id)) FROM new_rows n;
    RETURN NULL;
END $$;
CREATE FUNCTION nml_register_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM nml_register_record(TG_ARGV[0], array_agg(r.region_code), array_agg(r.id))
        FROM (SELECT n.region_code, n.id FROM new_rows n UNION SELECT o.region_code, o.id FROM old_rows o) r;
    RETURN NULL;
END $$;
CREATE FUNCTION nml_register_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM nml_register_record(TG_ARGV[0], array_agg(o.region_code), array_agg(o.id)) FROM old_rows o;
    RETURN NULL;
END $$;
CREATE FUNCTION nml_register_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO register_changes (region_code, xact_id, register, entity_id)
        SELECT code, pg_current_xact_id(), 'truncated', '00000000-0000-0000-0000-000000000000' FROM regions;
    RETURN NULL;
END $$;
");
            foreach (var table in new[] { "candidates", "units" })
            {
                migrationBuilder.Sql($@"
CREATE TRIGGER {table}_register_inserted AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION nml_register_inserted('{table}');
CREATE TRIGGER {table}_register_updated AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION nml_register_updated('{table}');
CREATE TRIGGER {table}_register_deleted AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION nml_register_deleted('{table}');
CREATE TRIGGER {table}_register_truncated AFTER TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION nml_register_truncated();
");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

            migrationBuilder.Sql(@"
DROP TRIGGER candidates_register_inserted ON candidates;
DROP TRIGGER candidates_register_updated ON candidates;
DROP TRIGGER candidates_register_deleted ON candidates;
DROP TRIGGER units_register_inserted ON units;
DROP TRIGGER units_register_updated ON units;
DROP TRIGGER units_register_deleted ON units;
DROP TRIGGER candidates_register_truncated ON candidates;
DROP TRIGGER units_register_truncated ON units;
DROP FUNCTION nml_register_truncated();
DROP FUNCTION nml_register_inserted();
DROP FUNCTION nml_register_updated();
DROP FUNCTION nml_register_deleted();
DROP FUNCTION nml_register_record(text, text[], uuid[]);
DROP TABLE register_changes;
");
            migrationBuilder.DropIndex(
                name: "ix_candidates_provider_organisation_id_ready_since_id",
                table: "candidates");

            migrationBuilder.DropIndex(
                name: "ix_candidates_region_code_created_at",
                table: "candidates");
        }
    }
}
