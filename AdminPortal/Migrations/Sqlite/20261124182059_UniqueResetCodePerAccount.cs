using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UniqueResetCodePerAccount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A new code always replaced the earlier ones; two requests that crossed could leave two. Keep the newest.
            migrationBuilder.Sql(
                "DELETE FROM PasswordResetCodes WHERE Id NOT IN (SELECT MAX(Id) FROM PasswordResetCodes GROUP BY UserId);");

            migrationBuilder.DropIndex(
                name: "IX_PasswordResetCodes_UserId",
                table: "PasswordResetCodes");

            migrationBuilder.CreateIndex(
                name: "IX_PasswordResetCodes_UserId",
                table: "PasswordResetCodes",
                column: "UserId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PasswordResetCodes_UserId",
                table: "PasswordResetCodes");

            migrationBuilder.CreateIndex(
                name: "IX_PasswordResetCodes_UserId",
                table: "PasswordResetCodes",
                column: "UserId");
        }
    }
}
