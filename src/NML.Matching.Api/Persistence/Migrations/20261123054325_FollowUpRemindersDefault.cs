using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NML.Matching.Api.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FollowUpRemindersDefault : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<List<int>>(
                name: "follow_up_reminders_sent",
                table: "tenancies",
                type: "integer[]",
                nullable: false,
                defaultValueSql: "'{}'::integer[]",
                oldClrType: typeof(List<int>),
                oldType: "integer[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<List<int>>(
                name: "follow_up_reminders_sent",
                table: "tenancies",
                type: "integer[]",
                nullable: false,
                oldClrType: typeof(List<int>),
                oldType: "integer[]",
                oldDefaultValueSql: "'{}'::integer[]");
        }
    }
}
