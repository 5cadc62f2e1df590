using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class UserIndexesIncludeId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_Role_Status_UserName",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_Role_UserName",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_Status_Role_UserName",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_Status_UserName",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_TwoFactorEnabled_UserName",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_UserName",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_Role_Status_UserName",
                table: "AspNetUsers",
                columns: new[] { "Role", "Status", "UserName" })
                .Annotation("Npgsql:IndexInclude", new[] { "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_Role_UserName",
                table: "AspNetUsers",
                columns: new[] { "Role", "UserName" })
                .Annotation("Npgsql:IndexInclude", new[] { "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_Status_Role_UserName",
                table: "AspNetUsers",
                columns: new[] { "Status", "Role", "UserName" })
                .Annotation("Npgsql:IndexInclude", new[] { "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_Status_UserName",
                table: "AspNetUsers",
                columns: new[] { "Status", "UserName" })
                .Annotation("Npgsql:IndexInclude", new[] { "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_TwoFactorEnabled_UserName",
                table: "AspNetUsers",
                columns: new[] { "TwoFactorEnabled", "UserName" })
                .Annotation("Npgsql:IndexInclude", new[] { "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_UserName",
                table: "AspNetUsers",
                column: "UserName")
                .Annotation("Npgsql:IndexInclude", new[] { "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_Role_Status_UserName",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_Role_UserName",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_Status_Role_UserName",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_Status_UserName",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_TwoFactorEnabled_UserName",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_UserName",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_Role_Status_UserName",
                table: "AspNetUsers",
                columns: new[] { "Role", "Status", "UserName" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_Role_UserName",
                table: "AspNetUsers",
                columns: new[] { "Role", "UserName" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_Status_Role_UserName",
                table: "AspNetUsers",
                columns: new[] { "Status", "Role", "UserName" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_Status_UserName",
                table: "AspNetUsers",
                columns: new[] { "Status", "UserName" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_TwoFactorEnabled_UserName",
                table: "AspNetUsers",
                columns: new[] { "TwoFactorEnabled", "UserName" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_UserName",
                table: "AspNetUsers",
                column: "UserName");
        }
    }
}
