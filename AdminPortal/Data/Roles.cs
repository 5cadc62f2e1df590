namespace AdminPortal.Data;

public static class Roles
{
    public const string Root = "root";
    public const string Admin = "admin";
    public const string Vendor = "vendor";
    public const string Employee = "employee";

    public static readonly IReadOnlyList<string> All = [Root, Admin, Vendor, Employee];

    /// <summary>Roles an administrator may give an account; root is never assignable.</summary>
    public static readonly IReadOnlyList<string> Assignable = [Admin, Vendor, Employee];

    public static readonly IReadOnlyList<string> UserManagers = [Root, Admin];

    public static bool ManagesUsers(string role) => role is Root or Admin;

    /// <summary>The English label; views pass it through the localizer.</summary>
    public static string Label(string role) => role switch
    {
        Root => "Root",
        Admin => "Administrator",
        Vendor => "Vendor",
        Employee => "Employee",
        _ => role,
    };
}
