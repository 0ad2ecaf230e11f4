using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QueueReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing queues get the settings' defaults (20 s, 80 %, 5 s), not zeros.
            migrationBuilder.AddColumn<int>(
                name: "ServiceLevelSeconds",
                table: "queues",
                type: "integer",
                nullable: false,
                defaultValue: 20);

            migrationBuilder.AddColumn<double>(
                name: "ServiceLevelTarget",
                table: "queues",
                type: "double precision",
                nullable: false,
                defaultValue: 0.8);

            migrationBuilder.AddColumn<int>(
                name: "ShortAbandonSeconds",
                table: "queues",
                type: "integer",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.CreateTable(
                name: "report_conversations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FirstQueue = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LastQueue = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Medium = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Site = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Edge = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    QueuedAt = table.Column<long>(type: "bigint", nullable: false),
                    SegmentQueuedAt = table.Column<long>(type: "bigint", nullable: false),
                    AnsweredAt = table.Column<long>(type: "bigint", nullable: true),
                    Agent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    WaitMs = table.Column<long>(type: "bigint", nullable: false),
                    FirstResponseMs = table.Column<long>(type: "bigint", nullable: true),
                    HandleMs = table.Column<long>(type: "bigint", nullable: true),
                    WrapUpMs = table.Column<long>(type: "bigint", nullable: true),
                    EndedAt = table.Column<long>(type: "bigint", nullable: true),
                    EndedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ShortAbandon = table.Column<bool>(type: "boolean", nullable: false),
                    Transfers = table.Column<int>(type: "integer", nullable: false),
                    Overflows = table.Column<int>(type: "integer", nullable: false),
                    Rating = table.Column<int>(type: "integer", nullable: true),
                    SurveyOffered = table.Column<bool>(type: "boolean", nullable: false),
                    BusinessWaitMs = table.Column<long>(type: "bigint", nullable: true),
                    BusinessHandleMs = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_conversations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "report_queue_intervals",
                columns: table => new
                {
                    Queue = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Bucket = table.Column<long>(type: "bigint", nullable: false),
                    Site = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Edge = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Medium = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Offered = table.Column<int>(type: "integer", nullable: false),
                    Arrivals = table.Column<int>(type: "integer", nullable: false),
                    TransfersIn = table.Column<int>(type: "integer", nullable: false),
                    OverflowsIn = table.Column<int>(type: "integer", nullable: false),
                    Returned = table.Column<int>(type: "integer", nullable: false),
                    OffersToAgents = table.Column<int>(type: "integer", nullable: false),
                    Answered = table.Column<int>(type: "integer", nullable: false),
                    AnsweredWithinServiceLevel = table.Column<int>(type: "integer", nullable: false),
                    Abandoned = table.Column<int>(type: "integer", nullable: false),
                    ShortAbandoned = table.Column<int>(type: "integer", nullable: false),
                    Expired = table.Column<int>(type: "integer", nullable: false),
                    EndedWaiting = table.Column<int>(type: "integer", nullable: false),
                    TransfersOut = table.Column<int>(type: "integer", nullable: false),
                    TransfersToAgent = table.Column<int>(type: "integer", nullable: false),
                    OverflowsOut = table.Column<int>(type: "integer", nullable: false),
                    WaitSumMs = table.Column<long>(type: "bigint", nullable: false),
                    WaitHistogram = table.Column<string>(type: "text", nullable: false),
                    LongestWaitMs = table.Column<long>(type: "bigint", nullable: false),
                    FirstResponses = table.Column<int>(type: "integer", nullable: false),
                    FirstResponseSumMs = table.Column<long>(type: "bigint", nullable: false),
                    FirstResponseHistogram = table.Column<string>(type: "text", nullable: false),
                    Handled = table.Column<int>(type: "integer", nullable: false),
                    HandleSumMs = table.Column<long>(type: "bigint", nullable: false),
                    HandleHistogram = table.Column<string>(type: "text", nullable: false),
                    WrapUps = table.Column<int>(type: "integer", nullable: false),
                    WrapUpSumMs = table.Column<long>(type: "bigint", nullable: false),
                    Ended = table.Column<int>(type: "integer", nullable: false),
                    SurveysOffered = table.Column<int>(type: "integer", nullable: false),
                    Ratings = table.Column<int>(type: "integer", nullable: false),
                    RatingSum = table.Column<int>(type: "integer", nullable: false),
                    Rated1 = table.Column<int>(type: "integer", nullable: false),
                    Rated2 = table.Column<int>(type: "integer", nullable: false),
                    Rated3 = table.Column<int>(type: "integer", nullable: false),
                    Rated4 = table.Column<int>(type: "integer", nullable: false),
                    Rated5 = table.Column<int>(type: "integer", nullable: false),
                    BusinessAnswered = table.Column<int>(type: "integer", nullable: false),
                    BusinessWaitSumMs = table.Column<long>(type: "bigint", nullable: false),
                    BusinessWaitHistogram = table.Column<string>(type: "text", nullable: false),
                    BusinessHandled = table.Column<int>(type: "integer", nullable: false),
                    BusinessHandleSumMs = table.Column<long>(type: "bigint", nullable: false),
                    BusinessHandleHistogram = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_queue_intervals", x => new { x.Queue, x.Bucket, x.Site, x.Edge, x.Medium });
                });

            migrationBuilder.CreateIndex(
                name: "IX_report_conversations_QueuedAt",
                table: "report_conversations",
                column: "QueuedAt");

            migrationBuilder.CreateIndex(
                name: "IX_report_queue_intervals_Bucket",
                table: "report_queue_intervals",
                column: "Bucket");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "report_conversations");

            migrationBuilder.DropTable(
                name: "report_queue_intervals");

            migrationBuilder.DropColumn(
                name: "ServiceLevelSeconds",
                table: "queues");

            migrationBuilder.DropColumn(
                name: "ServiceLevelTarget",
                table: "queues");

            migrationBuilder.DropColumn(
                name: "ShortAbandonSeconds",
                table: "queues");
        }
    }
}
