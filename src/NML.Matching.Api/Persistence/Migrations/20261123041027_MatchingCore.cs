using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NML.Matching.Api.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MatchingCore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "matching_rounds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    region_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    point = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    dry_run = table.Column<bool>(type: "boolean", nullable: false),
                    min_score = table.Column<double>(type: "double precision", nullable: false),
                    max_proposals_per_gemeente = table.Column<int>(type: "integer", nullable: true),
                    weights = table.Column<string>(type: "jsonb", nullable: false),
                    input_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    solver = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    total_score = table.Column<double>(type: "double precision", nullable: false),
                    greedy_total_score = table.Column<double>(type: "double precision", nullable: false),
                    candidate_count = table.Column<int>(type: "integer", nullable: false),
                    unit_count = table.Column<int>(type: "integer", nullable: false),
                    eligible_pairs = table.Column<int>(type: "integer", nullable: false),
                    density = table.Column<double>(type: "double precision", nullable: false),
                    proposal_count = table.Column<int>(type: "integer", nullable: false),
                    proposals = table.Column<string>(type: "jsonb", nullable: false),
                    unassigned = table.Column<string>(type: "jsonb", nullable: false),
                    timings = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by_role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    created_by_organisation_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_matching_rounds", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "matches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    candidate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    round_id = table.Column<Guid>(type: "uuid", nullable: true),
                    region_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    unit_gemeente_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    candidate_herkomst_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    owner_organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider_organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    score = table.Column<double>(type: "double precision", nullable: false),
                    snapshot = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_matches", x => x.id);
                    table.CheckConstraint("ck_matches_score", "score BETWEEN 0 AND 100");
                    table.ForeignKey(
                        name: "fk_matches_candidates_candidate_id",
                        column: x => x.candidate_id,
                        principalTable: "candidates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_matches_matching_rounds_round_id",
                        column: x => x.round_id,
                        principalTable: "matching_rounds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_matches_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_matches_region_code_status",
                table: "matches",
                columns: new[] { "region_code", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_matches_round_id",
                table: "matches",
                column: "round_id");

            migrationBuilder.CreateIndex(
                name: "ix_matches_unit_gemeente_code_created_at",
                table: "matches",
                columns: new[] { "unit_gemeente_code", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ux_matches_active_candidate",
                table: "matches",
                column: "candidate_id",
                unique: true,
                filter: "status IN ('Proposed', 'Nominated', 'Accepted')");

            migrationBuilder.CreateIndex(
                name: "ux_matches_active_unit",
                table: "matches",
                column: "unit_id",
                unique: true,
                filter: "status IN ('Proposed', 'Nominated', 'Accepted')");

            migrationBuilder.CreateIndex(
                name: "ix_matching_rounds_region_code_created_at",
                table: "matching_rounds",
                columns: new[] { "region_code", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "matches");

            migrationBuilder.DropTable(
                name: "matching_rounds");
        }
    }
}
