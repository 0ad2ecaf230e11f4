using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MessagesBySentTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SearchIndexSql.PostgresSentTimeUp);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SearchIndexSql.PostgresSentTimeDown);
        }
    }
}
