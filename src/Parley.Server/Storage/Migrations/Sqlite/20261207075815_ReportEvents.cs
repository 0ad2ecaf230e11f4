using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "QueuedAt",
                table: "conversations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "report_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Queue = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Agent = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Target = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    QueuedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DurationMs = table.Column<long>(type: "INTEGER", nullable: true),
                    Value = table.Column<int>(type: "INTEGER", nullable: true),
                    Site = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Edge = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Medium = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Presence = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Active = table.Column<int>(type: "INTEGER", nullable: true),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "report_projections",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Position = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_projections", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_report_events_At",
                table: "report_events",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_report_events_ConversationId",
                table: "report_events",
                column: "ConversationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "report_events");

            migrationBuilder.DropTable(
                name: "report_projections");

            migrationBuilder.DropColumn(
                name: "QueuedAt",
                table: "conversations");
        }
    }
}
