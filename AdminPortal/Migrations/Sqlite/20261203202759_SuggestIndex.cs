using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Migrations.Sqlite
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
                columns: new[] { "UserName", "NormalizedUserName", "NormalizedEmail", "Role", "Status" },
                filter: "\"Status\" = 0 AND \"Role\" IN ('vendor', 'admin')");
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
