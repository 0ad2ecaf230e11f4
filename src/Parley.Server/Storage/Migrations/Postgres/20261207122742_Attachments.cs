using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Attachments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AttachmentMaxBytes",
                table: "queues",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentTypes",
                table: "queues",
                type: "text",
                nullable: false,
                // Existing queues take the installation's types: an empty JSON list.
                defaultValue: "[]");

            migrationBuilder.AddColumn<Guid>(
                name: "AttachmentId",
                table: "messages",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentName",
                table: "messages",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AttachmentSize",
                table: "messages",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentType",
                table: "messages",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AttachmentMaxBytes",
                table: "queues");

            migrationBuilder.DropColumn(
                name: "AttachmentTypes",
                table: "queues");

            migrationBuilder.DropColumn(
                name: "AttachmentId",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "AttachmentName",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "AttachmentSize",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "AttachmentType",
                table: "messages");
        }
    }
}
