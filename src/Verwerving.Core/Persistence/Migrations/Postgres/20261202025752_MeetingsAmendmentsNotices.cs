using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Verwerving.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MeetingsAmendmentsNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "EndedOn",
                table: "Agreements",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AgreementAmendment",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    YearlyCeilingCents = table.Column<long>(type: "bigint", nullable: false),
                    DecisionReference = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AgreementId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgreementAmendment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgreementAmendment_Agreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "Agreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnerMeetings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProviderId = table.Column<int>(type: "integer", nullable: false),
                    AgreementReference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Attendees = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Minutes = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerMeetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerMeetings_Providers_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SignalNotices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EscalationId = table.Column<long>(type: "bigint", nullable: false),
                    ProviderId = table.Column<int>(type: "integer", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    InformedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    InformedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignalNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SignalNotices_Providers_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SignalNotices_Regions_RegionCode",
                        column: x => x.RegionCode,
                        principalTable: "Regions",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgreementAmendment_AgreementId",
                table: "AgreementAmendment",
                column: "AgreementId");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerMeetings_ProviderId_HeldOn",
                table: "PartnerMeetings",
                columns: new[] { "ProviderId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SignalNotices_EscalationId_RegionCode",
                table: "SignalNotices",
                columns: new[] { "EscalationId", "RegionCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SignalNotices_ProviderId",
                table: "SignalNotices",
                column: "ProviderId");

            migrationBuilder.CreateIndex(
                name: "IX_SignalNotices_RegionCode",
                table: "SignalNotices",
                column: "RegionCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgreementAmendment");

            migrationBuilder.DropTable(
                name: "PartnerMeetings");

            migrationBuilder.DropTable(
                name: "SignalNotices");

            migrationBuilder.DropColumn(
                name: "EndedOn",
                table: "Agreements");
        }
    }
}
