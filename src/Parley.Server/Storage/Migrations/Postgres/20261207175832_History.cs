using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Parley.Server.Storage.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Agent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FromAgent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AssignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
            migrationBuilder.Sql(SearchIndexSql.PostgresUp);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SearchIndexSql.PostgresDown);

            migrationBuilder.DropTable(
                name: "conversation_assignments");

            migrationBuilder.DropIndex(
                name: "IX_conversations_StartedAt",
                table: "conversations");
        }
    }
}
