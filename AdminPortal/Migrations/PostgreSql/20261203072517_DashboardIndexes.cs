using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DashboardIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_LockoutEnd",
                table: "AspNetUsers",
                column: "LockoutEnd");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_MustChangePassword",
                table: "AspNetUsers",
                column: "MustChangePassword");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_LockoutEnd",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_MustChangePassword",
                table: "AspNetUsers");
        }
    }
}
