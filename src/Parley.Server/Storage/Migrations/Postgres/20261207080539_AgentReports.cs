using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AgentReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "report_agent_intervals",
                columns: table => new
                {
                    Agent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    BucketStart = table.Column<long>(type: "bigint", nullable: false),
                    ReadyMs = table.Column<long>(type: "bigint", nullable: false),
                    BusyMs = table.Column<long>(type: "bigint", nullable: false),
                    WrapUpMs = table.Column<long>(type: "bigint", nullable: false),
                    ExternalBusyMs = table.Column<long>(type: "bigint", nullable: false),
                    AwayMs = table.Column<long>(type: "bigint", nullable: false),
                    DoNotDisturbMs = table.Column<long>(type: "bigint", nullable: false),
                    SlotUsedMs = table.Column<long>(type: "bigint", nullable: false),
                    SlotAvailableMs = table.Column<long>(type: "bigint", nullable: false),
                    Offers = table.Column<int>(type: "integer", nullable: false),
                    Declines = table.Column<int>(type: "integer", nullable: false),
                    OffersTimedOut = table.Column<int>(type: "integer", nullable: false),
                    Accepted = table.Column<int>(type: "integer", nullable: false),
                    Handled = table.Column<int>(type: "integer", nullable: false),
                    HandleMs = table.Column<long>(type: "bigint", nullable: false),
                    HandleHistogram = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    WrapUps = table.Column<int>(type: "integer", nullable: false),
                    WrapUpWorkMs = table.Column<long>(type: "bigint", nullable: false),
                    FirstReplies = table.Column<int>(type: "integer", nullable: false),
                    FirstResponseMs = table.Column<long>(type: "bigint", nullable: false),
                    FirstResponseHistogram = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TransfersOut = table.Column<int>(type: "integer", nullable: false),
                    Ratings = table.Column<int>(type: "integer", nullable: false),
                    RatingSum = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_agent_intervals", x => new { x.Agent, x.BucketStart });
                });

            migrationBuilder.CreateTable(
                name: "report_agent_reasons",
                columns: table => new
                {
                    Agent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    BucketStart = table.Column<long>(type: "bigint", nullable: false),
                    Presence = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Ms = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_agent_reasons", x => new { x.Agent, x.BucketStart, x.Presence, x.Reason });
                });

            migrationBuilder.CreateTable(
                name: "report_agent_sign_ins",
                columns: table => new
                {
                    Agent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SignedInAt = table.Column<long>(type: "bigint", nullable: false),
                    SignedOutAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_agent_sign_ins", x => new { x.Agent, x.SignedInAt });
                });

            migrationBuilder.CreateTable(
                name: "report_agent_states",
                columns: table => new
                {
                    Agent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    Presence = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Active = table.Column<int>(type: "integer", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_agent_states", x => x.Agent);
                });

            migrationBuilder.CreateIndex(
                name: "IX_report_agent_intervals_BucketStart_Agent",
                table: "report_agent_intervals",
                columns: new[] { "BucketStart", "Agent" });

            migrationBuilder.CreateIndex(
                name: "IX_report_agent_reasons_BucketStart",
                table: "report_agent_reasons",
                column: "BucketStart");

            migrationBuilder.CreateIndex(
                name: "IX_report_agent_sign_ins_SignedInAt",
                table: "report_agent_sign_ins",
                column: "SignedInAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "report_agent_intervals");

            migrationBuilder.DropTable(
                name: "report_agent_reasons");

            migrationBuilder.DropTable(
                name: "report_agent_sign_ins");

            migrationBuilder.DropTable(
                name: "report_agent_states");
        }
    }
}
