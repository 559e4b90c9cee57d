using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verwerving.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RulesAndImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AwardCriteria",
                table: "Tenders",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "AnswerDays",
                table: "Referrals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "CouncilsInformedOn",
                table: "Decisions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WaitingDays",
                table: "CarePeriods",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DialogueRound",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Theme = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ProvidersPresent = table.Column<int>(type: "INTEGER", nullable: false),
                    YouthAndParentsPresent = table.Column<bool>(type: "INTEGER", nullable: false),
                    PartnersPresent = table.Column<bool>(type: "INTEGER", nullable: false),
                    InformationSharedWithAll = table.Column<bool>(type: "INTEGER", nullable: false),
                    Agreements = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    TenderId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DialogueRound", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DialogueRound_Tenders_TenderId",
                        column: x => x.TenderId,
                        principalTable: "Tenders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IjwMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Sender = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Receiver = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Identification = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    SentOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Items = table.Column<int>(type: "INTEGER", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IjwMessages", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DialogueRound_TenderId",
                table: "DialogueRound",
                column: "TenderId");

            migrationBuilder.CreateIndex(
                name: "IX_IjwMessages_Code_Sender_Identification",
                table: "IjwMessages",
                columns: new[] { "Code", "Sender", "Identification" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DialogueRound");

            migrationBuilder.DropTable(
                name: "IjwMessages");

            migrationBuilder.DropColumn(
                name: "AwardCriteria",
                table: "Tenders");

            migrationBuilder.DropColumn(
                name: "AnswerDays",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "CouncilsInformedOn",
                table: "Decisions");

            migrationBuilder.DropColumn(
                name: "WaitingDays",
                table: "CarePeriods");
        }
    }
}
