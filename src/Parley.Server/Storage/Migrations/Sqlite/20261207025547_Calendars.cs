using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Server.Storage.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            // Existing queues keep today's behaviour: accept and queue (AvailabilityPolicy.Queue).
            migrationBuilder.AddColumn<string>(
                name: "ClosedPolicy",
                table: "queues",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Queue");

            migrationBuilder.AddColumn<string>(
                name: "NoAgentsPolicy",
                table: "queues",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Queue");

            migrationBuilder.CreateTable(
                name: "calendars",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Weekly = table.Column<string>(type: "TEXT", nullable: false),
                    Exceptions = table.Column<string>(type: "TEXT", nullable: false),
                    Holidays = table.Column<string>(type: "TEXT", nullable: false)
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
