using System.Net;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Users;

public sealed class UserAdministrationTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private HttpBrowser _root = null!;

    public async ValueTask InitializeAsync()
    {
        await _app.CreateUserAsync("ann", Roles.Admin, "ann-password");
        await _app.CreateUserAsync("bob", Roles.Employee, "bob-password");
        _root = await _app.SignedInAsRootAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _root.Dispose();
        await _app.DisposeAsync();
    }

    private Task<List<AuditEntry>> AuditAsync(string action) =>
        _app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == action).OrderBy(e => e.Id).ToListAsync());

    [Fact]
    public async Task Creating_an_account_makes_it_active_with_its_role_and_audits_it()
    {
        var response = await _root.SubmitFormAsync("/Users/Create", UserPages.CreateForm("carol", "Carol@Example.com", Roles.Vendor));
        var details = await _root.FollowAsync(response);
        Assert.Equal("The account carol was created.", details.StatusMessage());
        Assert.Contains("carol shown", details.QuerySelector("h1")!.TextContent);

        var carol = (await _app.FindAsync("carol"))!;
        Assert.Equal(AccountStatus.Active, carol.Status);
        Assert.Equal(Roles.Vendor, carol.Role);
        await _app.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            Assert.Equal([Roles.Vendor], await users.GetRolesAsync((await users.FindByNameAsync("carol"))!));
        });
        var entry = Assert.Single(await AuditAsync(AuditActions.UserCreate));
        Assert.True(entry.Succeeded);
        Assert.Equal("root", entry.ActorUserName);
        Assert.Equal(carol.Id, entry.TargetId);
        Assert.DoesNotContain("password-123", entry.Changes);
        Assert.Equal(HttpStatusCode.Redirect, (await _app.CreateBrowser().SignInAsync("carol", "password-123")).StatusCode);
    }

    [Theory]
    [InlineData("BOB", null)]
    [InlineData("bobby", "BOB@example.COM")]
    public async Task A_duplicate_user_name_or_email_ignoring_case_is_a_field_error(string userName, string? email)
    {
        var response = await _root.SubmitFormAsync("/Users/Create", UserPages.CreateForm(userName, email));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HttpBrowser.ParseAsync(response);
        if (email is null)
        {
            Assert.Equal("This user name is already taken.", page.FieldError("Input.UserName"));
        }
        else
        {
            Assert.Equal("This email is already used by another account.", page.FieldError("Input.Email"));
        }
        Assert.Equal(userName, page.FieldValue("Input.UserName"));
        Assert.Equal("", page.FieldValue("Input.Password"));
        Assert.Equal(1, await _app.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedUserName == "BOB")));
    }

    [Theory]
    [InlineData("Input.UserName", "ANN", "This user name is already taken.")]
    [InlineData("Input.Email", "Ann@Example.com", "This email is already used by another account.")]
    public async Task Renaming_to_another_account_s_user_name_or_email_in_other_case_is_a_field_error(string field, string value, string message)
    {
        var id = await _app.IdOfAsync("bob");
        var response = await _root.SubmitFormAsync($"/Users/Edit/{id}", new Dictionary<string, string>
        {
            [field] = value,
            ["Input.DisplayName"] = "Bob Renamed",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HttpBrowser.ParseAsync(response);
        Assert.Equal(message, page.FieldError(field));
        Assert.Equal(value, page.FieldValue(field));
        Assert.Equal("Bob Renamed", page.FieldValue("Input.DisplayName"));
        var bob = (await _app.FindAsync("bob"))!;
        Assert.Equal(("bob@example.com", "bob display"), (bob.Email, bob.DisplayName));
        Assert.Equal(1, await _app.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedUserName == "ANN")));
    }

    [Fact]
    public async Task A_30_character_user_name_is_accepted_and_31_refused()
    {
        var thirty = new string('a', 30);
        Assert.Equal(HttpStatusCode.Redirect, (await _root.SubmitFormAsync("/Users/Create", UserPages.CreateForm(thirty))).StatusCode);

        var thirtyOne = new string('b', 31);
        var response = await _root.SubmitFormAsync("/Users/Create", UserPages.CreateForm(thirtyOne));
        var page = await HttpBrowser.ParseAsync(response);
        Assert.Equal("The user name must be 3–30 characters.", page.FieldError("Input.UserName"));
        Assert.Equal(thirtyOne, page.FieldValue("Input.UserName"));
        Assert.Null(await _app.FindAsync(thirtyOne));
    }

    [Theory]
    [InlineData("Input.UserName", "bad name!", "Use only letters, digits, dots, underscores and hyphens.")]
    [InlineData("Input.Email", "not-an-email", "Enter a valid email address.")]
    [InlineData("Input.Password", "short", "The password must be 8–128 characters.")]
    [InlineData("Input.Role", "root", "Choose a role: administrator, vendor or employee.")]
    public async Task Bad_input_comes_back_at_its_field_with_the_input_kept(string field, string value, string message)
    {
        var form = UserPages.CreateForm("dave");
        form[field] = value;
        if (field == "Input.Password")
        {
            form["Input.ConfirmPassword"] = value;
        }
        var page = await _root.GetPageAsync("/Users/Create");
        if (field == "Input.Role")
        {
            // The select offers no root: a hand-made request adds it.
            var option = page.CreateElement("option");
            option.SetAttribute("value", "root");
            page.QuerySelector("select[name='Input.Role']")!.AppendChild(option);
        }
        var response = await _root.SubmitAsync(HttpBrowser.FindForm(page), form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await HttpBrowser.ParseAsync(response);
        Assert.Equal(message, result.FieldError(field));
        Assert.Equal("dave shown", result.FieldValue("Input.DisplayName"));
        Assert.Null(await _app.FindAsync("dave"));
    }

    [Theory]
    [InlineData("Create", "Input.Email", 101, "The email must be at most 100 characters.")]
    [InlineData("Create", "Input.DisplayName", 121, "The display name must be at most 120 characters.")]
    [InlineData("Create", "Input.Password", 129, "The password must be 8–128 characters.")]
    [InlineData("Edit", "Input.Email", 101, "The email must be at most 100 characters.")]
    [InlineData("Edit", "Input.DisplayName", 121, "The display name must be at most 120 characters.")]
    [InlineData("Edit", "Input.Password", 129, "The password must be 8–128 characters.")]
    [InlineData("SetPassword", "Input.Password", 129, "The password must be 8–128 characters.")]
    public async Task Over_long_input_is_refused_at_its_field_keeping_what_was_typed_and_saving_nothing(string page, string field,
        int length, string message)
    {
        var bobId = await _app.IdOfAsync("bob");
        var bobBefore = (await _app.FindAsync("bob"))!;
        var accounts = await _app.WithDbAsync(db => db.Users.CountAsync());
        var value = field == "Input.Email" ? new string('d', length - "@example.com".Length) + "@example.com" : new string('d', length);
        var form = page == "Create" ? UserPages.CreateForm("dave") : new Dictionary<string, string>();
        if (page == "Edit")
        {
            form["Input.UserName"] = "bobby";
        }
        form[field] = value;
        if (field == "Input.Password")
        {
            form["Input.ConfirmPassword"] = value;
        }

        var response = await _root.SubmitFormAsync(page == "Create" ? "/Users/Create" : $"/Users/{page}/{bobId}", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await HttpBrowser.ParseAsync(response);
        Assert.Equal(message, result.FieldError(field));
        if (field != "Input.Password")
        {
            Assert.Equal(value, result.FieldValue(field)); // kept whole, not cut
        }
        if (page != "SetPassword")
        {
            Assert.Equal(page == "Create" ? "dave" : "bobby", result.FieldValue("Input.UserName"));
        }
        Assert.Equal("", result.FieldValue("Input.Password"));
        Assert.Equal("", result.FieldValue("Input.ConfirmPassword"));
        Assert.Equal(accounts, await _app.WithDbAsync(db => db.Users.CountAsync()));
        var bob = (await _app.FindAsync("bob"))!;
        Assert.Equal((bobBefore.Email, bobBefore.DisplayName, bobBefore.PasswordHash), (bob.Email, bob.DisplayName, bob.PasswordHash));
    }

    [Fact]
    public async Task An_edit_with_no_differences_says_no_changes_to_apply_and_writes_nothing()
    {
        var id = await _app.IdOfAsync("bob");
        var stamp = (await _app.FindAsync("bob"))!.ConcurrencyStamp;
        var page = await _root.GetPageAsync($"/Users/Edit/{id}");
        var auditRows = await _app.WithDbAsync(db => db.AuditEntries.CountAsync());
        var response = await _root.SubmitAsync(HttpBrowser.FindForm(page));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await HttpBrowser.ParseAsync(response);
        Assert.Equal("No changes to apply.", result.QuerySelector("#no-changes.alert-info")?.TextContent.Trim());
        Assert.Equal("", result.Summary()); // information, not an error
        Assert.Equal(stamp, (await _app.FindAsync("bob"))!.ConcurrencyStamp);
        Assert.Equal(auditRows, await _app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task An_edit_changes_the_fields_keeps_the_identity_role_in_step_ends_sessions_and_notifies()
    {
        using var bobSession = await _app.SignedInBrowserAsync("bob", "bob-password");
        var id = await _app.IdOfAsync("bob");
        var response = await _root.SubmitFormAsync($"/Users/Edit/{id}", new Dictionary<string, string>
        {
            ["Input.UserName"] = "robert",
            ["Input.Email"] = "robert@example.com",
            ["Input.Role"] = Roles.Vendor,
        });
        Assert.Equal("The account robert was updated.", await _root.FlashAfterAsync(response));

        var robert = (await _app.FindAsync("robert"))!;
        Assert.Equal(Roles.Vendor, robert.Role);
        await _app.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            Assert.Equal([Roles.Vendor], await users.GetRolesAsync((await users.FindByIdAsync(id.ToString()))!));
        });
        await UserPages.AssertSentToSignInAsync(bobSession);

        var entry = Assert.Single(await AuditAsync(AuditActions.UserUpdate));
        Assert.Contains("\"Role\":{\"Old\":\"employee\",\"New\":\"vendor\"}", entry.Changes);
        Assert.Contains("bob@example.com", entry.Changes);
        var notice = await _app.WithDbAsync(db => db.Notifications.SingleAsync(n => n.UserId == id));
        Assert.Contains("Role", notice.Details);
        Assert.Equal("root", notice.ActorUserName);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_keeping_what_was_typed()
    {
        var id = await _app.IdOfAsync("bob");
        var form = HttpBrowser.FindForm(await _root.GetPageAsync($"/Users/Edit/{id}"));

        // Someone else changes the account after the form was loaded.
        using (var ann = await _app.SignedInBrowserAsync("ann", "ann-password"))
        {
            var other = await ann.SubmitFormAsync($"/Users/Edit/{id}", new Dictionary<string, string> { ["Input.DisplayName"] = "Bob by Ann" });
            Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        }

        var response = await _root.SubmitAsync(form, new Dictionary<string, string> { ["Input.DisplayName"] = "Bob by Root" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HttpBrowser.ParseAsync(response);
        Assert.Contains("Someone else changed this account", page.Summary());
        Assert.Equal("Bob by Root", page.FieldValue("Input.DisplayName"));
        Assert.Contains("Bob by Ann", page.QuerySelector("#current-values")!.TextContent);
        Assert.Equal("Bob by Ann", (await _app.FindAsync("bob"))!.DisplayName);
        Assert.Contains(await AuditAsync(AuditActions.UserUpdate), e => !e.Succeeded && e.Reason == "stale");

        // Submitting again after seeing the current values is a deliberate choice and applies.
        var again = await _root.SubmitAsync(HttpBrowser.FindForm(page));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("Bob by Root", (await _app.FindAsync("bob"))!.DisplayName);
    }

    [Fact]
    public async Task A_mistyped_password_of_the_account_does_not_make_an_open_edit_stale()
    {
        var id = await _app.IdOfAsync("bob");
        var form = HttpBrowser.FindForm(await _root.GetPageAsync($"/Users/Edit/{id}"));
        var stamp = (await _app.FindAsync("bob"))!.ConcurrencyStamp;

        Assert.Equal(HttpStatusCode.OK, (await _app.CreateBrowser().SignInAsync("bob", "not-bobs-password")).StatusCode);
        var counted = (await _app.FindAsync("bob"))!;
        Assert.Equal(1, counted.AccessFailedCount);
        Assert.NotEqual(stamp, counted.ConcurrencyStamp); // Identity's own stamp moved: comparing it would refuse the edit

        var response = await _root.SubmitAsync(form, new Dictionary<string, string> { ["Input.DisplayName"] = "Bob Edited" });
        Assert.Equal("The account bob was updated.", await _root.FlashAfterAsync(response));
        var bob = (await _app.FindAsync("bob"))!;
        Assert.Equal("Bob Edited", bob.DisplayName);
        Assert.Equal(1, bob.AccessFailedCount); // the edit did not overwrite the count with the form's older copy
    }

    [Fact]
    public async Task An_email_change_by_the_holder_makes_an_open_edit_stale()
    {
        using var bob = await _app.SignedInBrowserAsync("bob", "bob-password");
        var id = await _app.IdOfAsync("bob");
        var form = HttpBrowser.FindForm(await _root.GetPageAsync($"/Users/Edit/{id}"));

        var changed = await bob.SubmitFormAsync("/Identity/Account/Manage/Email",
            new Dictionary<string, string> { ["Input.NewEmail"] = "bob.new@example.com" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        var response = await _root.SubmitAsync(form, new Dictionary<string, string> { ["Input.DisplayName"] = "Bob Edited" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HttpBrowser.ParseAsync(response);
        Assert.Contains("Someone else changed this account", page.Summary());
        Assert.Equal("bob@example.com", page.FieldValue("Input.Email"));
        Assert.Contains("bob.new@example.com", page.QuerySelector("#current-values")!.TextContent);
        var stored = (await _app.FindAsync("bob"))!;
        Assert.Equal(("bob.new@example.com", "bob display"), (stored.Email, stored.DisplayName));
    }

    [Fact]
    public async Task The_principal_cannot_be_edited_disabled_deleted_or_have_its_password_set()
    {
        var rootId = await _app.IdOfAsync("root");
        var bobId = await _app.IdOfAsync("bob");
        var details = await _root.GetPageAsync($"/Users/Details/{rootId}");
        Assert.NotNull(details.QuerySelector("#protected"));
        Assert.Null(details.QuerySelector("#actions"));
        Assert.StartsWith($"/Users/Details/{rootId}", (await _root.GetAsync($"/Users/Edit/{rootId}")).Headers.Location!.OriginalString);

        var edit = await _root.PostFormToAsync($"/Users/Edit/{bobId}", "main form", $"/Users/Edit/{rootId}",
            new Dictionary<string, string> { ["Input.UserName"] = "root", ["Input.Email"] = "root@example.org", ["Input.DisplayName"] = "Changed" });
        Assert.Contains("The principal account is protected", (await HttpBrowser.ParseAsync(edit)).Summary());

        foreach (var action in new[] { "disable", "delete" })
        {
            var response = await _root.PostFormToAsync($"/Users/Details/{bobId}?confirm={action}", "#confirm form",
                $"/Users/Details/{rootId}?handler={action}");
            Assert.StartsWith("Error: The principal account is protected", await _root.FlashAfterAsync(response));
        }
        var password = await _root.PostFormToAsync($"/Users/SetPassword/{bobId}", "main form", $"/Users/SetPassword/{rootId}",
            new Dictionary<string, string> { ["Input.Password"] = "taken-over-1", ["Input.ConfirmPassword"] = "taken-over-1" });
        Assert.Contains("The principal account is protected", (await HttpBrowser.ParseAsync(password)).Summary());

        var root = (await _app.FindAsync("root"))!;
        Assert.Equal(("Root", AccountStatus.Active), (root.DisplayName, root.Status));
        Assert.Equal(HttpStatusCode.Redirect, (await _app.CreateBrowser().SignInAsync("root", AppFactory.RootPassword)).StatusCode);
        var refusals = await _app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.TargetId == rootId && !e.Succeeded && e.Reason == "principal-protected"));
        Assert.Equal(4, refusals);
    }

    [Fact]
    public async Task Your_own_account_cannot_be_disabled_deleted_or_given_another_role()
    {
        using var ann = await _app.SignedInBrowserAsync("ann", "ann-password");
        var annId = await _app.IdOfAsync("ann");
        var bobId = await _app.IdOfAsync("bob");

        var details = await ann.GetPageAsync($"/Users/Details/{annId}");
        Assert.Empty(details.QuerySelectorAll("#actions a[href*='confirm=']"));
        var row = (await ann.GetPageAsync("/Users")).QuerySelector("tr[data-user='ann']")!;
        Assert.Empty(row.QuerySelectorAll("a[href*='confirm=']"));
        Assert.Null((await ann.GetPageAsync($"/Users/Edit/{annId}")).QuerySelector("select[name='Input.Role']"));

        foreach (var action in new[] { "disable", "delete" })
        {
            var response = await ann.PostFormToAsync($"/Users/Details/{bobId}?confirm={action}", "#confirm form",
                $"/Users/Details/{annId}?handler={action}");
            Assert.Equal("Error: You cannot disable, delete or change the role of your own account.", await ann.FlashAfterAsync(response));
        }
        var edit = await ann.PostFormToAsync($"/Users/Edit/{annId}", "main form", $"/Users/Edit/{annId}",
            new Dictionary<string, string> { ["Input.Role"] = Roles.Vendor });
        Assert.Equal("You cannot disable, delete or change the role of your own account.", (await HttpBrowser.ParseAsync(edit)).Summary());

        var stillAnn = (await _app.FindAsync("ann"))!;
        Assert.Equal((Roles.Admin, AccountStatus.Active), (stillAnn.Role, stillAnn.Status));
        Assert.Equal(HttpStatusCode.OK, (await ann.GetAsync("/Users")).StatusCode);

        // Changing one's own display name stays allowed.
        var ok = await ann.SubmitFormAsync($"/Users/Edit/{annId}", new Dictionary<string, string> { ["Input.DisplayName"] = "Ann A." });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
    }

    [Fact]
    public async Task Disabling_ends_the_open_session_at_its_next_request_and_enabling_lets_it_sign_in_again()
    {
        using var bob = await _app.SignedInBrowserAsync("bob", "bob-password");
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/")).StatusCode);
        var id = await _app.IdOfAsync("bob");

        Assert.Equal("The account bob was disabled.", await _root.FlashAfterAsync(await _root.ConfirmAsync(id, "disable")));
        await UserPages.AssertSentToSignInAsync(bob);
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateBrowser().SignInAsync("bob", "bob-password")).StatusCode);

        Assert.Equal("The account bob was enabled.", await _root.FlashAfterAsync(await _root.ConfirmAsync(id, "enable")));
        Assert.Equal(HttpStatusCode.Redirect, (await _app.CreateBrowser().SignInAsync("bob", "bob-password")).StatusCode);

        var entries = await _app.WithDbAsync(db => db.AuditEntries.Where(e => e.TargetId == id).Select(e => e.Action).ToListAsync());
        Assert.Contains(AuditActions.UserDisable, entries);
        Assert.Contains(AuditActions.UserEnable, entries);
        Assert.Equal(2, await _app.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == id)));
    }

    [Fact]
    public async Task Deleting_removes_the_account_and_ends_its_session()
    {
        using var bob = await _app.SignedInBrowserAsync("bob", "bob-password");
        var id = await _app.IdOfAsync("bob");
        var response = await _root.ConfirmAsync(id, "delete");
        Assert.Equal("/Users", response.Headers.Location!.OriginalString);
        Assert.Equal("The account bob was deleted.", await _root.FlashAfterAsync(response));
        Assert.Null(await _app.FindAsync("bob"));
        await UserPages.AssertSentToSignInAsync(bob);
        var entry = Assert.Single(await AuditAsync(AuditActions.UserDelete));
        Assert.Equal(("bob", id, true), (entry.TargetUserName, entry.TargetId, entry.Succeeded));
        Assert.Equal(HttpStatusCode.NotFound, (await _root.GetAsync($"/Users/Details/{id}")).StatusCode);
    }

    [Fact]
    public async Task Setting_a_password_ends_sessions_and_by_default_asks_for_a_change_at_next_sign_in()
    {
        using var bob = await _app.SignedInBrowserAsync("bob", "bob-password");
        var id = await _app.IdOfAsync("bob");
        var page = await _root.GetPageAsync($"/Users/SetPassword/{id}");
        Assert.Contains("bob", page.QuerySelector("h1")!.TextContent);
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("input[name='Input.MustChangePassword']")!).IsChecked);

        var response = await _root.SubmitAsync(HttpBrowser.FindForm(page), new Dictionary<string, string>
        {
            ["Input.Password"] = "brand-new-password",
            ["Input.ConfirmPassword"] = "brand-new-password",
        });
        Assert.Equal("A new password was set for bob; its sessions were ended.", await _root.FlashAfterAsync(response));
        await UserPages.AssertSentToSignInAsync(bob);
        Assert.True((await _app.FindAsync("bob"))!.MustChangePassword);
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateBrowser().SignInAsync("bob", "bob-password")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await _app.CreateBrowser().SignInAsync("bob", "brand-new-password")).StatusCode);
        var entry = Assert.Single(await AuditAsync(AuditActions.UserPasswordSet));
        Assert.DoesNotContain("brand-new-password", entry.Changes);
    }

    [Fact]
    public async Task A_new_password_in_the_edit_form_is_set_with_the_must_change_box()
    {
        var id = await _app.IdOfAsync("bob");
        var response = await _root.SubmitFormAsync($"/Users/Edit/{id}", new Dictionary<string, string>
        {
            ["Input.Password"] = "edited-password",
            ["Input.ConfirmPassword"] = "edited-password",
            ["Input.MustChangePassword"] = "false",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False((await _app.FindAsync("bob"))!.MustChangePassword);
        Assert.Equal(HttpStatusCode.Redirect, (await _app.CreateBrowser().SignInAsync("bob", "edited-password")).StatusCode);
    }

    [Theory]
    [InlineData("/Users/Details/9999")]
    [InlineData("/Users/Edit/9999")]
    [InlineData("/Users/SetPassword/9999")]
    [InlineData("/Users/Details/abc")]
    public async Task An_unknown_account_is_a_404_page(string url)
    {
        var response = await _root.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("404", await response.Content.ReadAsStringAsync());
    }
}
