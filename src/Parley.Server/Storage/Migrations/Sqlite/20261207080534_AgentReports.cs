using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Server.Storage.Migrations.Sqlite
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
                    Agent = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    BucketStart = table.Column<long>(type: "INTEGER", nullable: false),
                    ReadyMs = table.Column<long>(type: "INTEGER", nullable: false),
                    BusyMs = table.Column<long>(type: "INTEGER", nullable: false),
                    WrapUpMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ExternalBusyMs = table.Column<long>(type: "INTEGER", nullable: false),
                    AwayMs = table.Column<long>(type: "INTEGER", nullable: false),
                    DoNotDisturbMs = table.Column<long>(type: "INTEGER", nullable: false),
                    SlotUsedMs = table.Column<long>(type: "INTEGER", nullable: false),
                    SlotAvailableMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Offers = table.Column<int>(type: "INTEGER", nullable: false),
                    Declines = table.Column<int>(type: "INTEGER", nullable: false),
                    OffersTimedOut = table.Column<int>(type: "INTEGER", nullable: false),
                    Accepted = table.Column<int>(type: "INTEGER", nullable: false),
                    Handled = table.Column<int>(type: "INTEGER", nullable: false),
                    HandleMs = table.Column<long>(type: "INTEGER", nullable: false),
                    HandleHistogram = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    WrapUps = table.Column<int>(type: "INTEGER", nullable: false),
                    WrapUpWorkMs = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstReplies = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstResponseMs = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstResponseHistogram = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TransfersOut = table.Column<int>(type: "INTEGER", nullable: false),
                    Ratings = table.Column<int>(type: "INTEGER", nullable: false),
                    RatingSum = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_agent_intervals", x => new { x.Agent, x.BucketStart });
                });

            migrationBuilder.CreateTable(
                name: "report_agent_reasons",
                columns: table => new
                {
                    Agent = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    BucketStart = table.Column<long>(type: "INTEGER", nullable: false),
                    Presence = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Ms = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_agent_reasons", x => new { x.Agent, x.BucketStart, x.Presence, x.Reason });
                });

            migrationBuilder.CreateTable(
                name: "report_agent_sign_ins",
                columns: table => new
                {
                    Agent = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SignedInAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SignedOutAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_agent_sign_ins", x => new { x.Agent, x.SignedInAt });
                });

            migrationBuilder.CreateTable(
                name: "report_agent_states",
                columns: table => new
                {
                    Agent = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Presence = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Active = table.Column<int>(type: "INTEGER", nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false)
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
