using System.Net;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Users;

/// <summary>Shared steps of the user administration tests: forms filled and submitted as a browser would.</summary>
internal static class UserPages
{
    public static Dictionary<string, string> CreateForm(string userName, string? email = null, string role = Roles.Employee,
        string password = "password-123") => new()
        {
            ["Input.UserName"] = userName,
            ["Input.Email"] = email ?? $"{userName}@example.com",
            ["Input.DisplayName"] = $"{userName} shown",
            ["Input.Role"] = role,
            ["Input.Method"] = "Password",
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        };

    public static Task<int> IdOfAsync(this AppFactory app, string userName) =>
        app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    public static Task<AppUser?> FindAsync(this AppFactory app, string userName) =>
        app.WithDbAsync(db => db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == userName));

    /// <summary>Disable, enable or delete through the confirmation step of the details page.</summary>
    public static async Task<HttpResponseMessage> ConfirmAsync(this HttpBrowser browser, int id, string action)
    {
        var page = await browser.GetPageAsync($"/Users/Details/{id}?confirm={action}");
        Assert.Contains(action switch { "disable" => "Disable the account", "enable" => "Enable the account", _ => "Delete the account" },
            page.QuerySelector("#confirm")!.TextContent);
        return await browser.SubmitAsync(HttpBrowser.FindForm(page, "#confirm form"));
    }

    /// <summary>
    /// Posts a real form (with its antiforgery token) taken from <paramref name="formPageUrl"/> to another target, the way a
    /// hand-made request would reach an action the pages do not offer.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormToAsync(this HttpBrowser browser, string formPageUrl, string formSelector,
        string target, IReadOnlyDictionary<string, string>? values = null)
    {
        var page = await browser.GetPageAsync(formPageUrl);
        var form = HttpBrowser.FindForm(page, formSelector);
        form.Action = target;
        return await browser.SubmitAsync(form, values);
    }

    public static async Task<string> FlashAfterAsync(this HttpBrowser browser, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (await browser.FollowAsync(response)).StatusMessage();
    }

    public static async Task AssertSentToSignInAsync(HttpBrowser browser)
    {
        var response = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    public static IHtmlFormElement MainForm(this IHtmlDocument page) => HttpBrowser.FindForm(page);
}
