using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NML.Matching.Api.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class WorkflowReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<int>>(
                name: "follow_up_reminders_sent",
                table: "tenancies",
                type: "integer[]",
                nullable: false,
                defaultValueSql: "'{}'::integer[]");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "omklap_reminder_sent_at",
                table: "tenancies",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "deadline_warned_at",
                table: "matches",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "follow_up_reminders_sent",
                table: "tenancies");

            migrationBuilder.DropColumn(
                name: "omklap_reminder_sent_at",
                table: "tenancies");

            migrationBuilder.DropColumn(
                name: "deadline_warned_at",
                table: "matches");
        }
    }
}
