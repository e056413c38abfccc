using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NML.Matching.Api.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Registers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "candidates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider_organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    region_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    external_reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    herkomst_gemeente_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    current_setting = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    age_band = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    required_bedrooms = table.Column<int>(type: "integer", nullable: false),
                    max_rent = table.Column<decimal>(type: "numeric(8,2)", precision: 8, scale: 2, nullable: false),
                    support_need = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    needs24x7nearby = table.Column<bool>(type: "boolean", nullable: false),
                    support_hours_per_week = table.Column<int>(type: "integer", nullable: true),
                    support_guaranteed = table.Column<bool>(type: "boolean", nullable: false),
                    prikkelarm_need = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    preferred_gemeenten = table.Column<List<string>>(type: "text[]", nullable: false),
                    excluded_gemeenten = table.Column<List<string>>(type: "text[]", nullable: false),
                    target_groups = table.Column<string[]>(type: "text[]", nullable: false),
                    ready_since = table.Column<DateOnly>(type: "date", nullable: false),
                    urgent = table.Column<bool>(type: "boolean", nullable: false),
                    urgency_reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    placement = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    parked_until = table.Column<DateOnly>(type: "date", nullable: true),
                    park_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    withdraw_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    accessibility_needs_ground_floor_or_lift = table.Column<bool>(type: "boolean", nullable: false),
                    accessibility_needs_wheelchair_access = table.Column<bool>(type: "boolean", nullable: false),
                    household_adults = table.Column<int>(type: "integer", nullable: false),
                    household_children = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_candidates", x => x.id);
                    table.CheckConstraint("ck_candidates_24x7_intensief", "NOT needs24x7nearby OR support_need = 'Intensief'");
                    table.CheckConstraint("ck_candidates_household", "household_adults BETWEEN 1 AND 2 AND household_children BETWEEN 0 AND 10");
                    table.CheckConstraint("ck_candidates_max_rent", "max_rent > 0 AND max_rent <= 2500");
                    table.CheckConstraint("ck_candidates_preferred", "cardinality(preferred_gemeenten) <= 5");
                    table.CheckConstraint("ck_candidates_reference", "length(external_reference) BETWEEN 1 AND 64");
                    table.CheckConstraint("ck_candidates_required_bedrooms", "required_bedrooms BETWEEN 0 AND 6");
                    table.CheckConstraint("ck_candidates_support_hours", "support_hours_per_week IS NULL OR support_hours_per_week BETWEEN 0 AND 40");
                    table.CheckConstraint("ck_candidates_urgency", "NOT urgent OR urgency_reason IS NOT NULL");
                    table.ForeignKey(
                        name: "fk_candidates_gemeenten_herkomst_gemeente_code",
                        column: x => x.herkomst_gemeente_code,
                        principalTable: "gemeenten",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_candidates_organisations_provider_organisation_id",
                        column: x => x.provider_organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_candidates_regions_region_code",
                        column: x => x.region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "idempotency_records",
                columns: table => new
                {
                    scope = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    request_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed = table.Column<bool>(type: "boolean", nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: true),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    body = table.Column<byte[]>(type: "bytea", nullable: true),
                    location = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    e_tag = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_records", x => new { x.scope, x.key });
                });

            migrationBuilder.CreateTable(
                name: "units",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    region_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    gemeente_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    kern = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    postcode = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    house_number = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    unit_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    bedrooms = table.Column<int>(type: "integer", nullable: false),
                    max_occupants = table.Column<int>(type: "integer", nullable: false),
                    floor_area = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: true),
                    basic_rent = table.Column<decimal>(type: "numeric(8,2)", precision: 8, scale: 2, nullable: false),
                    service_costs = table.Column<decimal>(type: "numeric(8,2)", precision: 8, scale: 2, nullable: false),
                    prikkelarm_level = table.Column<int>(type: "integer", nullable: false),
                    support_on_site = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    contract_form = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    target_groups = table.Column<string[]>(type: "text[]", nullable: false),
                    available_from = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    withdraw_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    accessibility_ground_floor_or_lift = table.Column<bool>(type: "boolean", nullable: false),
                    accessibility_wheelchair_accessible = table.Column<bool>(type: "boolean", nullable: false),
                    prikkelarm_edge_of_neighbourhood = table.Column<bool>(type: "boolean", nullable: false),
                    prikkelarm_no_direct_neighbours = table.Column<bool>(type: "boolean", nullable: false),
                    prikkelarm_no_shared_stairwell = table.Column<bool>(type: "boolean", nullable: false),
                    prikkelarm_own_front_door = table.Column<bool>(type: "boolean", nullable: false),
                    prikkelarm_quiet_street = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_units", x => x.id);
                    table.CheckConstraint("ck_units_bedrooms", "bedrooms BETWEEN 0 AND 8");
                    table.CheckConstraint("ck_units_floor_area", "floor_area IS NULL OR floor_area > 0");
                    table.CheckConstraint("ck_units_max_occupants", "max_occupants BETWEEN 1 AND 12");
                    table.CheckConstraint("ck_units_postcode", "postcode ~ '^[1-9][0-9]{3} [A-Z]{2}$'");
                    table.CheckConstraint("ck_units_prikkelarm_level", "prikkelarm_level BETWEEN 0 AND 3");
                    table.CheckConstraint("ck_units_rent", "basic_rent >= 0 AND service_costs >= 0");
                    table.ForeignKey(
                        name: "fk_units_gemeenten_gemeente_code",
                        column: x => x.gemeente_code,
                        principalTable: "gemeenten",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_units_organisations_owner_organisation_id",
                        column: x => x.owner_organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_units_regions_region_code",
                        column: x => x.region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_candidates_herkomst_gemeente_code",
                table: "candidates",
                column: "herkomst_gemeente_code");

            migrationBuilder.CreateIndex(
                name: "ix_candidates_provider_organisation_id_external_reference",
                table: "candidates",
                columns: new[] { "provider_organisation_id", "external_reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_candidates_region_code_ready_since",
                table: "candidates",
                columns: new[] { "region_code", "ready_since" });

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_records_created_at",
                table: "idempotency_records",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_units_gemeente_code",
                table: "units",
                column: "gemeente_code");

            migrationBuilder.CreateIndex(
                name: "ix_units_owner_organisation_id_reference",
                table: "units",
                columns: new[] { "owner_organisation_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_units_region_code_status",
                table: "units",
                columns: new[] { "region_code", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "candidates");

            migrationBuilder.DropTable(
                name: "idempotency_records");

            migrationBuilder.DropTable(
                name: "units");
        }
    }
}
