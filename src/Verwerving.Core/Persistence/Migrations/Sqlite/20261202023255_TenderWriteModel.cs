using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verwerving.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TenderWriteModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "AwardDecisionSentOn",
                table: "Tenders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "AwardedOn",
                table: "Tenders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawalReason",
                table: "Tenders",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Minutes",
                table: "DialogueRound",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ParticipantsText",
                table: "DialogueRound",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "DiscussedAt",
                table: "Decisions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Proposal",
                table: "Decisions",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "RefusalReason",
                table: "Candidate",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Bid",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProviderId = table.Column<int>(type: "INTEGER", nullable: false),
                    LotCode = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    AmountCents = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ScoresText = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Proposed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TenderId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Bid", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Bid_Lots_LotCode",
                        column: x => x.LotCode,
                        principalTable: "Lots",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Bid_Providers_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Bid_Tenders_TenderId",
                        column: x => x.TenderId,
                        principalTable: "Tenders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FrameAdoption",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MunicipalityCode = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    AdoptedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TenderId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FrameAdoption", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FrameAdoption_Municipalities_MunicipalityCode",
                        column: x => x.MunicipalityCode,
                        principalTable: "Municipalities",
                        principalColumn: "CbsCode",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FrameAdoption_Tenders_TenderId",
                        column: x => x.TenderId,
                        principalTable: "Tenders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Bid_LotCode",
                table: "Bid",
                column: "LotCode");

            migrationBuilder.CreateIndex(
                name: "IX_Bid_ProviderId",
                table: "Bid",
                column: "ProviderId");

            migrationBuilder.CreateIndex(
                name: "IX_Bid_TenderId_ProviderId_LotCode",
                table: "Bid",
                columns: new[] { "TenderId", "ProviderId", "LotCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FrameAdoption_MunicipalityCode",
                table: "FrameAdoption",
                column: "MunicipalityCode");

            migrationBuilder.CreateIndex(
                name: "IX_FrameAdoption_TenderId_MunicipalityCode",
                table: "FrameAdoption",
                columns: new[] { "TenderId", "MunicipalityCode" },
                unique: true);

            // Bids recorded on the candidate before bids had a lot of their own go to the tender's first lot.
            migrationBuilder.Sql("INSERT INTO \"Bid\" (\"TenderId\", \"ProviderId\", \"LotCode\", \"AmountCents\", \"ReceivedOn\", \"ScoresText\", \"Proposed\") SELECT c.\"TenderId\", c.\"ProviderId\", (SELECT MIN(l.\"LotCode\") FROM \"TenderLot\" l WHERE l.\"TenderId\" = c.\"TenderId\"), c.\"BidCents\", '2000-01-01', '', 0 FROM \"Candidate\" c WHERE c.\"BidCents\" IS NOT NULL AND EXISTS (SELECT 1 FROM \"TenderLot\" l WHERE l.\"TenderId\" = c.\"TenderId\")");

            migrationBuilder.DropColumn(
                name: "BidCents",
                table: "Candidate");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Bid");

            migrationBuilder.DropTable(
                name: "FrameAdoption");

            migrationBuilder.DropColumn(
                name: "AwardDecisionSentOn",
                table: "Tenders");

            migrationBuilder.DropColumn(
                name: "AwardedOn",
                table: "Tenders");

            migrationBuilder.DropColumn(
                name: "WithdrawalReason",
                table: "Tenders");

            migrationBuilder.DropColumn(
                name: "Minutes",
                table: "DialogueRound");

            migrationBuilder.DropColumn(
                name: "ParticipantsText",
                table: "DialogueRound");

            migrationBuilder.DropColumn(
                name: "DiscussedAt",
                table: "Decisions");

            migrationBuilder.DropColumn(
                name: "Proposal",
                table: "Decisions");

            migrationBuilder.DropColumn(
                name: "RefusalReason",
                table: "Candidate");

            migrationBuilder.AddColumn<long>(
                name: "BidCents",
                table: "Candidate",
                type: "INTEGER",
                nullable: true);
        }
    }
}
