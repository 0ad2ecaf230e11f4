using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RoutingSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AffinitySeconds",
                table: "queues",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "AnswerRules",
                table: "queues",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<bool>(
                name: "ManualPick",
                table: "queues",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "MaxQueueLength",
                table: "queues",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MaxWaitSeconds",
                table: "queues",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OverflowAfterSeconds",
                table: "queues",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OverflowQueue",
                table: "queues",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Priority",
                table: "queues",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PriorityAgingSeconds",
                table: "queues",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Relaxation",
                table: "queues",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "RequiredSkills",
                table: "queues",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Strategy",
                table: "queues",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "LongestIdle");

            migrationBuilder.AddColumn<int>(
                name: "WrapUpSeconds",
                table: "queues",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "VisitorId",
                table: "conversations",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "QueuePriorities",
                table: "agents",
                type: "TEXT",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "Skills",
                table: "agents",
                type: "TEXT",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.CreateIndex(
                name: "IX_conversations_VisitorId_EndedAt",
                table: "conversations",
                columns: new[] { "VisitorId", "EndedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_conversations_VisitorId_EndedAt",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "AffinitySeconds",
                table: "queues");

            migrationBuilder.DropColumn(
                name: "AnswerRules",
                table: "queues");

            migrationBuilder.DropColumn(
                name: "ManualPick",
                table: "queues");

            migrationBuilder.DropColumn(
                name: "MaxQueueLength",
                table: "queues");

            migrationBuilder.DropColumn(
                name: "MaxWaitSeconds",
                table: "queues");

            migrationBuilder.DropColumn(
                name: "OverflowAfterSeconds",
                table: "queues");

            migrationBuilder.DropColumn(
                name: "OverflowQueue",
                table: "queues");

            migrationBuilder.DropColumn(
                name: "Priority",
                table: "queues");

            migrationBuilder.DropColumn(
                name: "PriorityAgingSeconds",
                table: "queues");

            migrationBuilder.DropColumn(
                name: "Relaxation",
                table: "queues");

            migrationBuilder.DropColumn(
                name: "RequiredSkills",
                table: "queues");

            migrationBuilder.DropColumn(
                name: "Strategy",
                table: "queues");

            migrationBuilder.DropColumn(
                name: "WrapUpSeconds",
                table: "queues");

            migrationBuilder.DropColumn(
                name: "VisitorId",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "QueuePriorities",
                table: "agents");

            migrationBuilder.DropColumn(
                name: "Skills",
                table: "agents");
        }
    }
}
