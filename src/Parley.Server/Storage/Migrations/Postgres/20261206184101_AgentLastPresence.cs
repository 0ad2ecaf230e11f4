using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AgentLastPresence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LastPresence",
                table: "agents",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Offline"); // existing agents: as routing starts them (an empty value would not read back)

            migrationBuilder.AddColumn<string>(
                name: "LastPresenceReason",
                table: "agents",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastPresence",
                table: "agents");

            migrationBuilder.DropColumn(
                name: "LastPresenceReason",
                table: "agents");
        }
    }
}
