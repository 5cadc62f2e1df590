using Microsoft.AspNetCore.Identity;

namespace AdminPortal.Data;

public class AppRole : IdentityRole<int>
{
    public AppRole() { }

    public AppRole(string name) : base(name) { }
}
