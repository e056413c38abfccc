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

            // Versions of each region's registers (candidates and units together) for the in-memory pools of the API
            // replicas (Features/Matching/RegisterPools.cs, docs/scaling.md). Statement triggers bump a region's
            // version once per statement that changes its candidates or units, and list the changed ids under that
            // version. The version row stays locked until commit, so versions become visible in commit order: a reader
            // that sees version W sees every change up to W. Each region keeps about its last 10,000 versions.
            migrationBuilder.Sql(@"
CREATE TABLE register_versions (
    region_code text PRIMARY KEY,
    version bigint NOT NULL
);
CREATE TABLE register_changes (
    region_code text NOT NULL,
    version bigint NOT NULL,
    register text NOT NULL,
    entity_id uuid NOT NULL,
    PRIMARY KEY (region_code, version, register, entity_id)
);
CREATE FUNCTION nml_register_bump(register text, region_codes text[], ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    changed record;
    new_version bigint;
BEGIN
    FOR changed IN
        SELECT r.region_code, array_agg(DISTINCT r.id) AS ids FROM unnest(region_codes, ids) AS r(region_code, id)
        GROUP BY r.region_code ORDER BY r.region_code
    LOOP
        INSERT INTO register_versions AS rv (region_code, version) VALUES (changed.region_code, 1)
            ON CONFLICT (region_code) DO UPDATE SET version = rv.version + 1
            RETURNING rv.version INTO new_version;
        INSERT INTO register_changes (region_code, version, register, entity_id)
            SELECT changed.region_code, new_version, register, unnest(changed.ids);
        IF new_version % 100 = 0 THEN
            DELETE FROM register_changes WHERE region_code = changed.region_code AND version <= new_version - 10000;
        END IF;
    END LOOP;
END $$;
CREATE FUNCTION nml_register_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM nml_register_bump(TG_ARGV[0], array_agg(n.region_code), array_agg(n.id)) FROM new_rows n;
    RETURN NULL;
END $$;
CREATE FUNCTION nml_register_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM nml_register_bump(TG_ARGV[0], array_agg(r.region_code), array_agg(r.id))
        FROM (SELECT n.region_code, n.id FROM new_rows n UNION SELECT o.region_code, o.id FROM old_rows o) r;
    RETURN NULL;
END $$;
CREATE FUNCTION nml_register_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM nml_register_bump(TG_ARGV[0], array_agg(o.region_code), array_agg(o.id)) FROM old_rows o;
    RETURN NULL;
END $$;
-- A TRUNCATE lists no ids: it bumps every region without change rows, so that every pool is read again in full.
CREATE FUNCTION nml_register_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE register_versions SET version = version + 1;
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
DROP FUNCTION nml_register_bump(text, text[], uuid[]);
DROP TABLE register_changes;
DROP TABLE register_versions;
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
