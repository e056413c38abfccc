using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace NML.Matching.Api.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Tenancies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tenancies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    match_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    candidate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider_organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    region_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    unit_gemeente_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    candidate_herkomst_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    contract_form = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    omklap_due_date = table.Column<DateOnly>(type: "date", nullable: true),
                    omklap_date = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenancies", x => x.id);
                    table.ForeignKey(
                        name: "fk_tenancies_matches_match_id",
                        column: x => x.match_id,
                        principalTable: "matches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tenancy_follow_ups",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    tenancy_id = table.Column<Guid>(type: "uuid", nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    still_housed = table.Column<bool>(type: "boolean", nullable: false),
                    outcome = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by_role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    recorded_by_organisation_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenancy_follow_ups", x => x.id);
                    table.CheckConstraint("ck_follow_ups_month", "month IN (3, 6, 12)");
                    table.ForeignKey(
                        name: "fk_tenancy_follow_ups_tenancies_tenancy_id",
                        column: x => x.tenancy_id,
                        principalTable: "tenancies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_tenancies_match_id",
                table: "tenancies",
                column: "match_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tenancies_region_code_start_date",
                table: "tenancies",
                columns: new[] { "region_code", "start_date" });

            migrationBuilder.CreateIndex(
                name: "ix_tenancy_follow_ups_tenancy_id_month",
                table: "tenancy_follow_ups",
                columns: new[] { "tenancy_id", "month" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tenancy_follow_ups");

            migrationBuilder.DropTable(
                name: "tenancies");
        }
    }
}
