using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RatingsAndTranscripts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TimeZone",
                table: "conversations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ratings",
                columns: table => new
                {
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Rating = table.Column<int>(type: "integer", nullable: false),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Queue = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AgentUsername = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ratings", x => x.ConversationId);
                    table.CheckConstraint("CK_ratings_Rating", "\"Rating\" BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "FK_ratings_conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "transcripts",
                columns: table => new
                {
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    MailId = table.Column<long>(type: "bigint", nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_transcripts", x => new { x.ConversationId, x.Number });
                    table.CheckConstraint("CK_transcripts_Number", "\"Number\" BETWEEN 0 AND 3");
                    table.ForeignKey(
                        name: "FK_transcripts_conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_transcripts_mail_outbox_MailId",
                        column: x => x.MailId,
                        principalTable: "mail_outbox",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ratings_AgentUsername_RatedAt",
                table: "ratings",
                columns: new[] { "AgentUsername", "RatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ratings_Queue_RatedAt",
                table: "ratings",
                columns: new[] { "Queue", "RatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_transcripts_MailId",
                table: "transcripts",
                column: "MailId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ratings");

            migrationBuilder.DropTable(
                name: "transcripts");

            migrationBuilder.DropColumn(
                name: "TimeZone",
                table: "conversations");
        }
    }
}
