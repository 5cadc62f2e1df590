using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MustChangePasswordIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_MustChangePassword",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_MustChangePassword",
                table: "AspNetUsers",
                column: "MustChangePassword",
                filter: "\"MustChangePassword\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_MustChangePassword",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_MustChangePassword",
                table: "AspNetUsers",
                column: "MustChangePassword");
        }
    }
}
