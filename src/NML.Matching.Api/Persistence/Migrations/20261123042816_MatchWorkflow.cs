using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace NML.Matching.Api.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MatchWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "decline_note",
                table: "matches",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "decline_reason_code",
                table: "matches",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "declined_by",
                table: "matches",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "due_at",
                table: "matches",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "override_reason",
                table: "matches",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "park_days",
                table: "matches",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "match_transitions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    match_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    actor_organisation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    from = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    to = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_match_transitions", x => x.id);
                    table.ForeignKey(
                        name: "fk_match_transitions_matches_match_id",
                        column: x => x.match_id,
                        principalTable: "matches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_matches_status_due_at",
                table: "matches",
                columns: new[] { "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_match_transitions_match_id_id",
                table: "match_transitions",
                columns: new[] { "match_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "match_transitions");

            migrationBuilder.DropIndex(
                name: "ix_matches_status_due_at",
                table: "matches");

            migrationBuilder.DropColumn(
                name: "decline_note",
                table: "matches");

            migrationBuilder.DropColumn(
                name: "decline_reason_code",
                table: "matches");

            migrationBuilder.DropColumn(
                name: "declined_by",
                table: "matches");

            migrationBuilder.DropColumn(
                name: "due_at",
                table: "matches");

            migrationBuilder.DropColumn(
                name: "override_reason",
                table: "matches");

            migrationBuilder.DropColumn(
                name: "park_days",
                table: "matches");
        }
    }
}
