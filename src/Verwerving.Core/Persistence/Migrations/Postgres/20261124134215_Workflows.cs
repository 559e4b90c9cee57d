using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Verwerving.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Workflows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProcessedCommand",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    InstanceId = table.Column<long>(type: "bigint", nullable: false),
                    Trigger = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Actor = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcessedCommand", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "StoredDefinition",
                columns: table => new
                {
                    DefinitionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DefinitionVersion = table.Column<int>(type: "integer", nullable: false),
                    Yaml = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: false),
                    Hash = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    StoredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredDefinition", x => new { x.DefinitionId, x.DefinitionVersion });
                });

            migrationBuilder.CreateTable(
                name: "WorkflowInstance",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DefinitionId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    DefinitionVersion = table.Column<int>(type: "integer", nullable: false),
                    SubjectKey = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    State = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    DataJson = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    StartedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EnteredStateAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Completed = table.Column<bool>(type: "boolean", nullable: false),
                    ParentId = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowInstance", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkflowInstance_StoredDefinition_DefinitionId_DefinitionVe~",
                        columns: x => new { x.DefinitionId, x.DefinitionVersion },
                        principalTable: "StoredDefinition",
                        principalColumns: new[] { "DefinitionId", "DefinitionVersion" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WorkflowInstance_WorkflowInstance_ParentId",
                        column: x => x.ParentId,
                        principalTable: "WorkflowInstance",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HumanTask",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InstanceId = table.Column<long>(type: "bigint", nullable: false),
                    State = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Title = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Role = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ApproveTrigger = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    RejectTrigger = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    SendBackTrigger = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HumanTask", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HumanTask_WorkflowInstance_InstanceId",
                        column: x => x.InstanceId,
                        principalTable: "WorkflowInstance",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkflowTimer",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InstanceId = table.Column<long>(type: "bigint", nullable: false),
                    State = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Trigger = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Every = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowTimer", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkflowTimer_WorkflowInstance_InstanceId",
                        column: x => x.InstanceId,
                        principalTable: "WorkflowInstance",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HumanTask_InstanceId",
                table: "HumanTask",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_HumanTask_Status_Role",
                table: "HumanTask",
                columns: new[] { "Status", "Role" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowInstance_DefinitionId_DefinitionVersion",
                table: "WorkflowInstance",
                columns: new[] { "DefinitionId", "DefinitionVersion" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowInstance_DefinitionId_SubjectKey",
                table: "WorkflowInstance",
                columns: new[] { "DefinitionId", "SubjectKey" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowInstance_ParentId",
                table: "WorkflowInstance",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTimer_InstanceId",
                table: "WorkflowTimer",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTimer_Status_DueAt",
                table: "WorkflowTimer",
                columns: new[] { "Status", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HumanTask");

            migrationBuilder.DropTable(
                name: "ProcessedCommand");

            migrationBuilder.DropTable(
                name: "WorkflowTimer");

            migrationBuilder.DropTable(
                name: "WorkflowInstance");

            migrationBuilder.DropTable(
                name: "StoredDefinition");
        }
    }
}
