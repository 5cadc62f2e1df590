using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Migrations.Sqlite
{
    /// <summary>
    /// How many accounts have each role and status, kept exact by triggers in the same transaction as every insert,
    /// delete and role or status change: the user list's total without a filter, or filtered by role and status
    /// only, is a sum over a handful of rows instead of a count of every account.
    /// </summary>
    public partial class UserCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE UserCounts (
                    Role TEXT NOT NULL,
                    Status INTEGER NOT NULL,
                    Count INTEGER NOT NULL,
                    PRIMARY KEY (Role, Status)
                ) WITHOUT ROWID;
                """);
            migrationBuilder.Sql("INSERT INTO UserCounts (Role, Status, Count) SELECT Role, Status, COUNT(*) FROM AspNetUsers GROUP BY Role, Status;");
            migrationBuilder.Sql("""
                CREATE TRIGGER UserCounts_AfterInsert AFTER INSERT ON AspNetUsers BEGIN
                    INSERT INTO UserCounts (Role, Status, Count) VALUES (new.Role, new.Status, 1)
                        ON CONFLICT (Role, Status) DO UPDATE SET Count = Count + 1;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER UserCounts_AfterDelete AFTER DELETE ON AspNetUsers BEGIN
                    UPDATE UserCounts SET Count = Count - 1 WHERE Role = old.Role AND Status = old.Status;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER UserCounts_AfterUpdate AFTER UPDATE OF Role, Status ON AspNetUsers
                WHEN old.Role IS NOT new.Role OR old.Status IS NOT new.Status BEGIN
                    UPDATE UserCounts SET Count = Count - 1 WHERE Role = old.Role AND Status = old.Status;
                    INSERT INTO UserCounts (Role, Status, Count) VALUES (new.Role, new.Status, 1)
                        ON CONFLICT (Role, Status) DO UPDATE SET Count = Count + 1;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS UserCounts_AfterUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS UserCounts_AfterDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS UserCounts_AfterInsert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS UserCounts;");
        }
    }
}
