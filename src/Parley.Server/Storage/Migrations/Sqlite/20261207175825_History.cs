using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class History : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "conversation_assignments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Agent = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FromAgent = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AssignedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conversation_assignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_conversation_assignments_conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_conversations_StartedAt",
                table: "conversations",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_conversation_assignments_Agent_ConversationId",
                table: "conversation_assignments",
                columns: new[] { "Agent", "ConversationId" });

            migrationBuilder.CreateIndex(
                name: "IX_conversation_assignments_ConversationId",
                table: "conversation_assignments",
                column: "ConversationId");

            migrationBuilder.Sql(SearchIndexSql.AssignmentBackfill);
            migrationBuilder.Sql(SearchIndexSql.SqliteUp);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SearchIndexSql.SqliteDown);

            migrationBuilder.DropTable(
                name: "conversation_assignments");

            migrationBuilder.DropIndex(
                name: "IX_conversations_StartedAt",
                table: "conversations");
        }
    }
}
