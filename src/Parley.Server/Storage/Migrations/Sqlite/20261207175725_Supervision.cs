using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Server.Storage.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "SupervisedQueues",
                table: "agents",
                type: "TEXT",
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
