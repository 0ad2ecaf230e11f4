using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Supervision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Whisper",
                table: "conversation_notes",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "SupervisedQueues",
                table: "agents",
                type: "text",
                nullable: false,
                defaultValue: "[]"); // An existing account supervises no queue (JSON list).
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Whisper",
                table: "conversation_notes");

            migrationBuilder.DropColumn(
                name: "SupervisedQueues",
                table: "agents");
        }
    }
}
