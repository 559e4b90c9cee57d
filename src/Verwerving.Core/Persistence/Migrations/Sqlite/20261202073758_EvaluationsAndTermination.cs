using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verwerving.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EvaluationsAndTermination : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "EffectiveOn",
                table: "Decisions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Evaluations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    AgreementId = table.Column<int>(type: "INTEGER", nullable: false),
                    AgreementReference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    Due = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DialogueHeldOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PartnerResponse = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Proposed = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    NewCeilingCents = table.Column<long>(type: "INTEGER", nullable: true),
                    EffectiveOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DecisionReference = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Evaluations_Agreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "Agreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_AgreementId_Round",
                table: "Evaluations",
                columns: new[] { "AgreementId", "Round" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_Key",
                table: "Evaluations",
                column: "Key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Evaluations");

            migrationBuilder.DropColumn(
                name: "EffectiveOn",
                table: "Decisions");
        }
    }
}
