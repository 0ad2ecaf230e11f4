using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DropLastSeq : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Derived from the messages (the highest seq), so nothing is lost; the core keeps open conversations' seq in memory.
            migrationBuilder.DropColumn(
                name: "LastSeq",
                table: "conversations");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LastSeq",
                table: "conversations",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.Sql("UPDATE conversations SET \"LastSeq\" = COALESCE((SELECT MAX(m.\"Seq\") FROM messages m WHERE m.\"ConversationId\" = conversations.\"Id\"), 0);");
        }
    }
}
