using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AuditNameIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The audit log's actor and target filters find a deleted account's entries by its name, ignoring case
            // (AuditQueries compares upper(name)): an index on that expression, in the log's order, serves them.
            // EF Core's model has no expression indexes, so they are written here, the same SQL on both providers.
            migrationBuilder.Sql("CREATE INDEX \"IX_AuditEntries_upper_ActorUserName_At_Id\" ON \"AuditEntries\" (upper(\"ActorUserName\"), \"At\", \"Id\");");
            migrationBuilder.Sql("CREATE INDEX \"IX_AuditEntries_upper_TargetUserName_At_Id\" ON \"AuditEntries\" (upper(\"TargetUserName\"), \"At\", \"Id\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX \"IX_AuditEntries_upper_TargetUserName_At_Id\";");
            migrationBuilder.Sql("DROP INDEX \"IX_AuditEntries_upper_ActorUserName_At_Id\";");
        }
    }
}
