using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Data;

/// <summary>Each provider keeps its own migrations (README "PostgreSQL"); neither may fall behind the model.</summary>
public sealed class MigrationsTests
{
    [Fact]
    public void The_sqlite_migrations_keep_the_ids_existing_databases_have_applied()
    {
        using var db = new SqliteAppDbContextDesignTimeFactory().CreateDbContext([]);
        Assert.Equal(
            ["20261124153555_Initial", "20261124155536_UserSearch", "20261124182059_UniqueResetCodePerAccount", "20261124185656_UserCounts"],
            db.Database.GetMigrations().Take(4));
    }

    [Fact]
    public void Both_providers_have_a_migration_for_every_model_change()
    {
        using var sqlite = new SqliteAppDbContextDesignTimeFactory().CreateDbContext([]);
        using var postgreSql = new PostgreSqlAppDbContextDesignTimeFactory().CreateDbContext([]);
        Assert.False(sqlite.Database.HasPendingModelChanges(), "Add the migration to Migrations/Sqlite too (README: Adding a migration).");
        Assert.False(postgreSql.Database.HasPendingModelChanges(), "Add the migration to Migrations/PostgreSql too (README: Adding a migration).");
    }
}
