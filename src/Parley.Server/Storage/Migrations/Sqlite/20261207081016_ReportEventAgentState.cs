using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportEventAgentState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_report_events_AgentState",
                table: "report_events",
                columns: new[] { "Agent", "Id" },
                filter: "\"Presence\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_report_events_AgentState",
                table: "report_events");
        }
    }
}
