using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SuggestIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_Suggest",
                table: "AspNetUsers",
                column: "UserName",
                filter: "\"Status\" = 0 AND \"Role\" IN ('vendor', 'admin')")
                .Annotation("Npgsql:IndexInclude", new[] { "NormalizedUserName", "NormalizedEmail", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_Suggest",
                table: "AspNetUsers");
        }
    }
}
