using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NML.Matching.Api.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CandidateRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "anonymised_at",
                table: "candidates",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "anonymised_at",
                table: "candidates");
        }
    }
}
