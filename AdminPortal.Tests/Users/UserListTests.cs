using System.Net;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AngleSharp.Dom;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Users;

public sealed class UserListTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private HttpBrowser _root = null!;

    public async ValueTask InitializeAsync()
    {
        await _app.CreateUserAsync("ann", Roles.Admin, "ann-password");
        await _app.CreateUserAsync("vince", Roles.Vendor, email: "vince.sales@acme-supplies.test");
        await _app.CreateUserAsync("dora", Roles.Employee, status: AccountStatus.Disabled);
        await AddWorkersAsync(1, 25);
        _root = await _app.SignedInAsRootAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _root.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>Employees workerNN, created a minute apart, for paging and sorting.</summary>
    private Task AddWorkersAsync(int first, int last) =>
        _app.WithDbAsync(async db =>
        {
            var roleId = await db.Roles.Where(r => r.Name == Roles.Employee).Select(r => r.Id).SingleAsync();
            for (var i = first; i <= last; i++)
            {
                var name = $"worker{i:00}";
                var user = new AppUser
                {
                    UserName = name,
                    NormalizedUserName = name.ToUpperInvariant(),
                    Email = $"{name}@plant.test",
                    NormalizedEmail = $"{name}@plant.test".ToUpperInvariant(),
                    DisplayName = $"Worker Number {i}",
                    Role = Roles.Employee,
                    CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i),
                    SecurityStamp = Guid.NewGuid().ToString(),
                };
                db.Users.Add(user);
                await db.SaveChangesAsync();
                db.UserRoles.Add(new() { UserId = user.Id, RoleId = roleId });
            }
            return await db.SaveChangesAsync();
        });

    private static string[] UserNames(IDocument page) =>
        [.. page.QuerySelectorAll("tbody tr").Select(tr => tr.GetAttribute("data-user")!)];

    private static string Total(IDocument page) => page.QuerySelector("#total")!.TextContent.Trim();

    [Fact]
    public async Task The_first_page_shows_ten_accounts_by_user_name_and_the_total()
    {
        var page = await _root.GetPageAsync("/Users");
        Assert.Equal(["ann", "dora", "root", "vince", "worker01", "worker02", "worker03", "worker04", "worker05", "worker06"], UserNames(page));
        Assert.Equal("Showing 1–10 of 29 accounts", Total(page));
        Assert.Equal("1", page.QuerySelector(".pagination [aria-current='page']")!.TextContent.Trim());
    }

    [Fact]
    public async Task Search_finds_an_account_by_part_of_its_email_ignoring_case()
    {
        var page = await _root.GetPageAsync("/Users?q=ACME-sup");
        Assert.Equal(["vince"], UserNames(page));
        Assert.Equal("Showing the only matching account", Total(page));
        Assert.Equal("ACME-sup", page.FieldValue("q"));
        Assert.Equal(["vince"], UserNames(await _root.GetPageAsync("/Users?q=cm")));
    }

    [Fact]
    public async Task Search_covers_user_name_and_display_name()
    {
        Assert.Equal(["worker20", "worker21", "worker22", "worker23", "worker24", "worker25"], UserNames(await _root.GetPageAsync("/Users?q=ORKER2")));
        Assert.Equal(["worker12"], UserNames(await _root.GetPageAsync("/Users?q=number+12")));
        Assert.Equal(["root"], UserNames(await _root.GetPageAsync("/Users?q=OO")));
    }

    [Theory]
    [InlineData("ál")]
    [InlineData("ÁL")]
    [InlineData("z")]
    [InlineData("álv")]
    [InlineData("ÁLVA")]
    public async Task Search_ignores_case_beyond_ASCII_also_for_one_or_two_characters(string q)
    {
        var id = (await _app.CreateUserAsync("lucia", Roles.Vendor)).Id;
        await _app.WithDbAsync(db => db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, "Lucía Álvarez")));
        Assert.Equal(["lucia"], UserNames(await _root.GetPageAsync($"/Users?q={Uri.EscapeDataString(q)}")));
    }

    [Fact]
    public async Task Search_text_over_100_characters_is_refused_at_the_field_not_cut()
    {
        var tooLong = "worker" + new string('x', 95);
        var page = await _root.GetPageAsync($"/Users?q={tooLong}&role=employee");
        Assert.Equal("The search text must be at most 100 characters.", page.FieldError("q"));
        Assert.Equal(tooLong, page.FieldValue("q"));
        Assert.Equal("true", page.QuerySelector("#q")!.GetAttribute("aria-invalid"));
        Assert.Equal("employee", page.QuerySelector("#role option[selected]")!.GetAttribute("value"));
        // The search was not run, so nothing is shown as its result: no rows, and no "no accounts match" either.
        Assert.Null(page.QuerySelector("table"));
        Assert.Null(page.QuerySelector("#empty"));
        Assert.NotNull(page.QuerySelector("#clear-filters-top"));

        var hundred = await _root.GetPageAsync($"/Users?q={tooLong[..100]}");
        Assert.Equal("", hundred.FieldError("q"));
        Assert.NotNull(hundred.QuerySelector("#empty"));
    }

    [Fact]
    public async Task Search_text_is_taken_literally()
    {
        Assert.Empty(UserNames(await _root.GetPageAsync("/Users?q=%25")));
        Assert.Empty(UserNames(await _root.GetPageAsync("/Users?q=a+OR+b")));
        Assert.Empty(UserNames(await _root.GetPageAsync("/Users?q=%22%29%28*")));
    }

    [Theory]
    [InlineData("o_b")] // LIKE's one-character wildcard, short and long text alike
    [InlineData("_b")]
    [InlineData("o%b")]
    public async Task Like_wildcards_in_the_search_text_match_only_themselves(string text)
    {
        await _app.CreateUserAsync("bo_b");
        await _app.CreateUserAsync("boxb");
        string[] expected = text.Contains('%') ? [] : ["bo_b"];
        Assert.Equal(expected, UserNames(await _root.GetPageAsync($"/Users?q={Uri.EscapeDataString(text)}")));
        Assert.Empty(UserNames(await _root.GetPageAsync("/Users?q=%5C"))); // a backslash, LIKE's escape character
    }

    [Fact]
    public async Task Search_follows_renames_and_deletions()
    {
        var id = await _app.IdOfAsync("vince");
        await _app.WithDbAsync(db => db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, "vince@globex.test")));
        Assert.Empty(UserNames(await _root.GetPageAsync("/Users?q=acme")));
        Assert.Equal(["vince"], UserNames(await _root.GetPageAsync("/Users?q=globex")));
        await _app.WithDbAsync(db => db.Users.Where(u => u.Id == id).ExecuteDeleteAsync());
        Assert.Empty(UserNames(await _root.GetPageAsync("/Users?q=globex")));
    }

    [Fact]
    public async Task Filters_by_role_and_status()
    {
        Assert.Equal(["vince"], UserNames(await _root.GetPageAsync("/Users?role=vendor")));
        Assert.Equal(["dora"], UserNames(await _root.GetPageAsync("/Users?status=Disabled")));
        Assert.Equal(["ann"], UserNames(await _root.GetPageAsync("/Users?role=admin&status=Active")));
    }

    [Theory]
    [InlineData("email", "ann")]
    [InlineData("email_desc", "worker25")]
    [InlineData("name_desc", "worker25")]
    [InlineData("role", "ann")]
    [InlineData("role_desc", "vince")]
    [InlineData("status_desc", "dora")]
    [InlineData("created", "worker01")]
    public async Task Sorts_by_each_column_both_ways(string sort, string first)
    {
        var page = await _root.GetPageAsync($"/Users?sort={sort}");
        Assert.Equal(first, UserNames(page)[0]);
    }

    [Fact]
    public async Task Sorting_newest_first_puts_the_last_created_on_top()
    {
        var names = UserNames(await _root.GetPageAsync("/Users?sort=created_desc&q=worker"));
        Assert.Equal("worker25", names[0]);
        Assert.Equal("worker16", names[^1]);
    }

    [Fact]
    public async Task Paging_links_keep_the_search_filters_sort_and_size()
    {
        var page = await _root.GetPageAsync("/Users?q=worker&role=employee&status=Active&sort=name_desc&size=10");
        Assert.Equal("Showing 1–10 of 25 accounts", Total(page));
        var next = page.QuerySelector(".pagination a[aria-label='Next page']")!.GetAttribute("href")!;
        Assert.Contains("q=worker", next);
        Assert.Contains("role=employee", next);
        Assert.Contains("status=Active", next);
        Assert.Contains("sort=name_desc", next);
        Assert.Contains("page=2", next);

        var second = await _root.GetPageAsync(next);
        Assert.Equal("Showing 11–20 of 25 accounts", Total(second));
        Assert.Equal("worker15", UserNames(second)[0]);
        var last = await _root.GetPageAsync(second.QuerySelector(".pagination a[aria-label='Last page']")!.GetAttribute("href")!);
        Assert.Equal(["worker05", "worker04", "worker03", "worker02", "worker01"], UserNames(last));
    }

    [Fact]
    public async Task Paging_links_keep_a_page_size_other_than_the_default()
    {
        await AddWorkersAsync(26, 60);
        static void AssertKeepsTheList(string href)
        {
            var query = QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), href).Query);
            Assert.Equal(("worker", "employee", "Active", "name_desc", "25"),
                (query["q"].ToString(), query["role"].ToString(), query["status"].ToString(), query["sort"].ToString(), query["size"].ToString()));
        }

        var first = await _root.GetPageAsync("/Users?q=worker&role=employee&status=Active&sort=name_desc&size=25");
        Assert.Equal("Showing 1–25 of 60 accounts", Total(first));
        var links = first.QuerySelectorAll(".pagination a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(4, links.Count); // pages 2 and 3, next, last
        Assert.All(links, AssertKeepsTheList);

        var second = await _root.GetPageAsync(first.QuerySelector(".pagination a[aria-label='Next page']")!.GetAttribute("href")!);
        Assert.Equal("Showing 26–50 of 60 accounts", Total(second));
        Assert.Equal("worker35", UserNames(second)[0]);
        var previous = second.QuerySelector(".pagination a[aria-label='Previous page']")!.GetAttribute("href")!;
        var third = second.QuerySelectorAll(".pagination a").Single(a => a.TextContent.Trim() == "3").GetAttribute("href")!;
        Assert.All(new[] { previous, third }, AssertKeepsTheList);
        Assert.Equal(["worker10", "worker09", "worker08", "worker07", "worker06", "worker05", "worker04", "worker03", "worker02", "worker01"],
            UserNames(await _root.GetPageAsync(third)));
        Assert.Equal("Showing 1–25 of 60 accounts", Total(await _root.GetPageAsync(previous)));
    }

    [Fact]
    public async Task Sort_links_keep_the_search_and_filters()
    {
        var page = await _root.GetPageAsync("/Users?q=worker&status=Active&page=2");
        var emailHeader = page.QuerySelector("th a[href*='sort=email']")!.GetAttribute("href")!;
        Assert.Contains("q=worker", emailHeader);
        Assert.Contains("status=Active", emailHeader);
        Assert.DoesNotContain("page=", emailHeader);
    }

    [Theory]
    [InlineData("size=1000", 29)]
    [InlineData("size=25", 25)]
    [InlineData("size=abc", 10)]
    [InlineData("size=-3", 10)]
    public async Task A_page_size_outside_the_choices_falls_back(string size, int rows)
    {
        var page = await _root.GetPageAsync($"/Users?{size}");
        Assert.Equal(rows, UserNames(page).Length);
    }

    [Fact]
    public async Task A_page_past_the_end_shows_the_last_and_a_malformed_page_the_first()
    {
        Assert.Equal("Showing 21–29 of 29 accounts", Total(await _root.GetPageAsync("/Users?page=99")));
        Assert.Equal("Showing 1–10 of 29 accounts", Total(await _root.GetPageAsync("/Users?page=two")));
    }

    [Fact]
    public async Task An_empty_result_says_so_and_offers_to_clear_the_filters()
    {
        var page = await _root.GetPageAsync("/Users?q=nobody-like-this&role=vendor");
        Assert.Contains("No accounts match", page.QuerySelector("#empty")!.TextContent);
        Assert.Equal("/Users", page.QuerySelector("#empty a")!.GetAttribute("href"));
        Assert.Null(page.QuerySelector("table"));
    }

    [Fact]
    public async Task The_principal_row_says_protected_and_offers_no_actions()
    {
        var page = await _root.GetPageAsync("/Users");
        var rootRow = page.QuerySelector("tr[data-user='root']")!;
        Assert.Contains("Protected", rootRow.TextContent);
        Assert.Empty(rootRow.QuerySelectorAll("td:last-child a"));
        var annRow = page.QuerySelector("tr[data-user='ann']")!;
        Assert.Contains("Administrator", annRow.TextContent);
        Assert.Contains("Active", annRow.TextContent);
        Assert.NotNull(annRow.QuerySelector("a[href*='confirm=disable']"));
        Assert.NotNull(page.QuerySelector("tr[data-user='dora'] a[href*='confirm=enable']"));
    }

    [Theory]
    [InlineData("/Users?q=worker&role=employee&sort=name_desc&page=2", "worker15", "disable", "The account worker15 was disabled.")]
    [InlineData("/Users?status=Disabled&size=25", "dora", "enable", "The account dora was enabled.")]
    public async Task Disable_and_enable_from_the_list_return_to_it_with_its_search_filters_and_page(string listUrl, string userName,
        string action, string message)
    {
        var list = await _root.GetPageAsync(listUrl);
        var link = list.QuerySelector($"tr[data-user='{userName}'] a[href*='confirm={action}']")!.GetAttribute("href")!;
        var confirmation = await _root.GetPageAsync(link);
        Assert.Equal(listUrl, confirmation.QuerySelector("#confirm a")!.GetAttribute("href")); // cancel goes back too

        var response = await _root.SubmitAsync(HttpBrowser.FindForm(confirmation, "#confirm form"));

        Assert.Equal(listUrl, response.Headers.Location!.OriginalString);
        var back = await _root.FollowAsync(response);
        Assert.Equal(message, back.StatusMessage());
        Assert.Equal(action == "disable" ? AccountStatus.Disabled : AccountStatus.Active, (await _app.FindAsync(userName))!.Status);
        if (action == "disable")
        {
            Assert.Equal("worker", back.FieldValue("q"));
            Assert.Equal("Showing 11–20 of 25 accounts", Total(back));
        }
        else
        {
            Assert.Equal("Disabled", back.QuerySelector("#status option[selected]")!.GetAttribute("value"));
            Assert.DoesNotContain("dora", UserNames(back));
        }
    }

    [Fact]
    public async Task A_refused_disable_from_the_list_also_returns_to_it_with_the_error()
    {
        const string listUrl = "/Users?q=worker&page=2";
        var list = await _root.GetPageAsync(listUrl);
        var confirmation = await _root.GetPageAsync(list.QuerySelector("tr[data-user='worker15'] a[href*='confirm=disable']")!.GetAttribute("href")!);
        // Someone else disables it while the confirmation is open.
        var id = await _app.IdOfAsync("worker15");
        await _app.WithDbAsync(db => db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, AccountStatus.Disabled)));

        var response = await _root.SubmitAsync(HttpBrowser.FindForm(confirmation, "#confirm form"));

        Assert.Equal(listUrl, response.Headers.Location!.OriginalString);
        Assert.Equal("No changes to apply.", await _root.FlashAfterAsync(response));
    }

    [Theory]
    [InlineData("https://evil.example/Users")]
    [InlineData("//evil.example/Users")]
    [InlineData("/\\evil.example/Users")]
    [InlineData("/Identity/Account/Logout")]
    [InlineData("/Users/../Identity/Account/Logout")]
    [InlineData("/Users/Details/1")]
    public async Task A_return_address_other_than_the_local_user_list_is_ignored(string returnUrl)
    {
        var id = await _app.IdOfAsync("worker03");
        var confirmation = await _root.GetPageAsync($"/Users/Details/{id}?confirm=disable&returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal($"/Users/Details/{id}", confirmation.QuerySelector("#confirm a")!.GetAttribute("href"));
        var form = HttpBrowser.FindForm(confirmation, "#confirm form");
        Assert.Null(form.QuerySelector("input[name='returnUrl']"));

        // A hand-made POST that carries it anyway.
        var field = confirmation.CreateElement("input");
        field.SetAttribute("type", "hidden");
        field.SetAttribute("name", "returnUrl");
        field.SetAttribute("value", returnUrl);
        form.AppendChild(field);
        var response = await _root.SubmitAsync(form);

        Assert.Equal($"/Users/Details/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("The account worker03 was disabled.", await _root.FlashAfterAsync(response));
    }

    [Fact]
    public async Task The_search_box_is_marked_for_the_suggestion_script_and_works_without_it()
    {
        var page = await _root.GetPageAsync("/Users");
        var input = page.QuerySelector("input[name='q']")!;
        Assert.Equal("/api/users/suggest", input.GetAttribute("data-suggest-url"));
        Assert.NotNull(page.QuerySelector($"label[for='{input.Id}']"));
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)input.Closest("form")!;
        var response = await _root.SubmitAsync(form, new Dictionary<string, string> { ["q"] = "vince" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["vince"], UserNames(await HttpBrowser.ParseAsync(response)));
    }
}
