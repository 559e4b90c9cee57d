using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verwerving.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TimerWorker : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowTimer_Status_DueAt",
                table: "WorkflowTimer");

            migrationBuilder.AddColumn<DateTime>(
                name: "Anchor",
                table: "WorkflowTimer",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<DateTime>(
                name: "AttemptAt",
                table: "WorkflowTimer",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "WorkflowTimer",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ClaimedBy",
                table: "WorkflowTimer",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FiredAt",
                table: "WorkflowTimer",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FiredBy",
                table: "WorkflowTimer",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "WorkflowTimer",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LeaseUntil",
                table: "WorkflowTimer",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Occurrence",
                table: "WorkflowTimer",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "AssignedTo",
                table: "HumanTask",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DueAt",
                table: "HumanTask",
                type: "TEXT",
                nullable: true);

            // Timers that existed before: their next attempt is their due time, and a recurring one counts on from there.
            migrationBuilder.Sql("UPDATE \"WorkflowTimer\" SET \"AttemptAt\" = \"DueAt\", \"Anchor\" = \"DueAt\";");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTimer_Status_AttemptAt",
                table: "WorkflowTimer",
                columns: new[] { "Status", "AttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowTimer_Status_AttemptAt",
                table: "WorkflowTimer");

            migrationBuilder.DropColumn(
                name: "Anchor",
                table: "WorkflowTimer");

            migrationBuilder.DropColumn(
                name: "AttemptAt",
                table: "WorkflowTimer");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "WorkflowTimer");

            migrationBuilder.DropColumn(
                name: "ClaimedBy",
                table: "WorkflowTimer");

            migrationBuilder.DropColumn(
                name: "FiredAt",
                table: "WorkflowTimer");

            migrationBuilder.DropColumn(
                name: "FiredBy",
                table: "WorkflowTimer");

            migrationBuilder.DropColumn(
                name: "LastError",
                table: "WorkflowTimer");

            migrationBuilder.DropColumn(
                name: "LeaseUntil",
                table: "WorkflowTimer");

            migrationBuilder.DropColumn(
                name: "Occurrence",
                table: "WorkflowTimer");

            migrationBuilder.DropColumn(
                name: "AssignedTo",
                table: "HumanTask");

            migrationBuilder.DropColumn(
                name: "DueAt",
                table: "HumanTask");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTimer_Status_DueAt",
                table: "WorkflowTimer",
                columns: new[] { "Status", "DueAt" });
        }
    }
}
