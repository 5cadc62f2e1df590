namespace AdminPortal.Data;

/// <summary><c>Database:Provider</c>: which database <c>ConnectionStrings:AdminPortal</c> names.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
