using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NML.Matching.Api.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PerformanceAgreements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "performance_agreements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    corporation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    gemeente_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    region_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    target_units = table.Column<int>(type: "integer", nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_performance_agreements", x => x.id);
                    table.CheckConstraint("ck_performance_agreements_target", "target_units BETWEEN 1 AND 10000");
                    table.CheckConstraint("ck_performance_agreements_year", "year BETWEEN 2020 AND 2100");
                    table.ForeignKey(
                        name: "fk_performance_agreements_gemeenten_gemeente_code",
                        column: x => x.gemeente_code,
                        principalTable: "gemeenten",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_performance_agreements_organisations_corporation_id",
                        column: x => x.corporation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_performance_agreements_corporation_id_gemeente_code_year",
                table: "performance_agreements",
                columns: new[] { "corporation_id", "gemeente_code", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_performance_agreements_gemeente_code",
                table: "performance_agreements",
                column: "gemeente_code");

            migrationBuilder.CreateIndex(
                name: "ix_performance_agreements_region_code_year",
                table: "performance_agreements",
                columns: new[] { "region_code", "year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "performance_agreements");
        }
    }
}
