using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Server.Storage.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 20);

            migrationBuilder.AddColumn<double>(
                name: "ServiceLevelTarget",
                table: "queues",
                type: "REAL",
                nullable: false,
                defaultValue: 0.8);

            migrationBuilder.AddColumn<int>(
                name: "ShortAbandonSeconds",
                table: "queues",
                type: "INTEGER",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.CreateTable(
                name: "report_conversations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FirstQueue = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LastQueue = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Medium = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Site = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Edge = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    QueuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SegmentQueuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Agent = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    WaitMs = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstResponseMs = table.Column<long>(type: "INTEGER", nullable: true),
                    HandleMs = table.Column<long>(type: "INTEGER", nullable: true),
                    WrapUpMs = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ShortAbandon = table.Column<bool>(type: "INTEGER", nullable: false),
                    Transfers = table.Column<int>(type: "INTEGER", nullable: false),
                    Overflows = table.Column<int>(type: "INTEGER", nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: true),
                    SurveyOffered = table.Column<bool>(type: "INTEGER", nullable: false),
                    BusinessWaitMs = table.Column<long>(type: "INTEGER", nullable: true),
                    BusinessHandleMs = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_conversations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "report_queue_intervals",
                columns: table => new
                {
                    Queue = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Bucket = table.Column<long>(type: "INTEGER", nullable: false),
                    Site = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Edge = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Medium = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Offered = table.Column<int>(type: "INTEGER", nullable: false),
                    Arrivals = table.Column<int>(type: "INTEGER", nullable: false),
                    TransfersIn = table.Column<int>(type: "INTEGER", nullable: false),
                    OverflowsIn = table.Column<int>(type: "INTEGER", nullable: false),
                    Returned = table.Column<int>(type: "INTEGER", nullable: false),
                    OffersToAgents = table.Column<int>(type: "INTEGER", nullable: false),
                    Answered = table.Column<int>(type: "INTEGER", nullable: false),
                    AnsweredWithinServiceLevel = table.Column<int>(type: "INTEGER", nullable: false),
                    Abandoned = table.Column<int>(type: "INTEGER", nullable: false),
                    ShortAbandoned = table.Column<int>(type: "INTEGER", nullable: false),
                    Expired = table.Column<int>(type: "INTEGER", nullable: false),
                    EndedWaiting = table.Column<int>(type: "INTEGER", nullable: false),
                    TransfersOut = table.Column<int>(type: "INTEGER", nullable: false),
                    TransfersToAgent = table.Column<int>(type: "INTEGER", nullable: false),
                    OverflowsOut = table.Column<int>(type: "INTEGER", nullable: false),
                    WaitSumMs = table.Column<long>(type: "INTEGER", nullable: false),
                    WaitHistogram = table.Column<string>(type: "TEXT", nullable: false),
                    LongestWaitMs = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstResponses = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstResponseSumMs = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstResponseHistogram = table.Column<string>(type: "TEXT", nullable: false),
                    Handled = table.Column<int>(type: "INTEGER", nullable: false),
                    HandleSumMs = table.Column<long>(type: "INTEGER", nullable: false),
                    HandleHistogram = table.Column<string>(type: "TEXT", nullable: false),
                    WrapUps = table.Column<int>(type: "INTEGER", nullable: false),
                    WrapUpSumMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Ended = table.Column<int>(type: "INTEGER", nullable: false),
                    SurveysOffered = table.Column<int>(type: "INTEGER", nullable: false),
                    Ratings = table.Column<int>(type: "INTEGER", nullable: false),
                    RatingSum = table.Column<int>(type: "INTEGER", nullable: false),
                    Rated1 = table.Column<int>(type: "INTEGER", nullable: false),
                    Rated2 = table.Column<int>(type: "INTEGER", nullable: false),
                    Rated3 = table.Column<int>(type: "INTEGER", nullable: false),
                    Rated4 = table.Column<int>(type: "INTEGER", nullable: false),
                    Rated5 = table.Column<int>(type: "INTEGER", nullable: false),
                    BusinessAnswered = table.Column<int>(type: "INTEGER", nullable: false),
                    BusinessWaitSumMs = table.Column<long>(type: "INTEGER", nullable: false),
                    BusinessWaitHistogram = table.Column<string>(type: "TEXT", nullable: false),
                    BusinessHandled = table.Column<int>(type: "INTEGER", nullable: false),
                    BusinessHandleSumMs = table.Column<long>(type: "INTEGER", nullable: false),
                    BusinessHandleHistogram = table.Column<string>(type: "TEXT", nullable: false)
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
