using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Migrations.Sqlite
{
    /// <summary>
    /// SQLite FTS5 index with the trigram tokenizer over user name, email and display name, for substring search in the
    /// user list (Users/SqliteUserSearch). An external-content table: it stores only the index, AspNetUsers holds the
    /// text, and the triggers keep the two in step.
    /// </summary>
    public partial class UserSearch : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE UserSearch USING fts5(
                    UserName, Email, DisplayName,
                    content='AspNetUsers', content_rowid='Id', tokenize='trigram');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER UserSearch_AfterInsert AFTER INSERT ON AspNetUsers BEGIN
                    INSERT INTO UserSearch(rowid, UserName, Email, DisplayName)
                    VALUES (new.Id, new.UserName, new.Email, new.DisplayName);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER UserSearch_AfterDelete AFTER DELETE ON AspNetUsers BEGIN
                    INSERT INTO UserSearch(UserSearch, rowid, UserName, Email, DisplayName)
                    VALUES ('delete', old.Id, old.UserName, old.Email, old.DisplayName);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER UserSearch_AfterUpdate AFTER UPDATE OF UserName, Email, DisplayName ON AspNetUsers BEGIN
                    INSERT INTO UserSearch(UserSearch, rowid, UserName, Email, DisplayName)
                    VALUES ('delete', old.Id, old.UserName, old.Email, old.DisplayName);
                    INSERT INTO UserSearch(rowid, UserName, Email, DisplayName)
                    VALUES (new.Id, new.UserName, new.Email, new.DisplayName);
                END;
                """);
            migrationBuilder.Sql("INSERT INTO UserSearch(UserSearch) VALUES ('rebuild');");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS UserSearch_AfterUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS UserSearch_AfterDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS UserSearch_AfterInsert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS UserSearch;");
        }
    }
}
