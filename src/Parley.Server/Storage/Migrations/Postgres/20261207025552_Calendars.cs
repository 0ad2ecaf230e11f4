using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Calendars : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Calendar",
                table: "queues",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            // Existing queues keep today's behaviour: accept and queue (AvailabilityPolicy.Queue).
            migrationBuilder.AddColumn<string>(
                name: "ClosedPolicy",
                table: "queues",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Queue");

            migrationBuilder.AddColumn<string>(
                name: "NoAgentsPolicy",
                table: "queues",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Queue");

            migrationBuilder.CreateTable(
                name: "calendars",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Weekly = table.Column<string>(type: "text", nullable: false),
                    Exceptions = table.Column<string>(type: "text", nullable: false),
                    Holidays = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendars", x => x.Name);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "calendars");

            migrationBuilder.DropColumn(
                name: "Calendar",
                table: "queues");

            migrationBuilder.DropColumn(
                name: "ClosedPolicy",
                table: "queues");

            migrationBuilder.DropColumn(
                name: "NoAgentsPolicy",
                table: "queues");
        }
    }
}
