using System.Text;
using System.Text.RegularExpressions;
using AdminPortal.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ImportBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_import_is_uploaded_through_the_file_input_previewed_and_confirmed()
    {
        // The app is shared with the other browser tests: these names are this test's own ("kappa").
        await browser.App.CreateUserAsync("kappa.taken", Roles.Employee);
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync("root", Infrastructure.AppFactory.RootPassword);
        var page = session.Page;

        await session.GotoAsync("/Users");
        await page.GetByRole(AriaRole.Link, new() { Name = "Import CSV" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Import accounts", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#limits")).ToContainTextAsync("at most 1 MB and 1,000 rows");
        await session.CheckAsync("users.import");

        var csv = "UserName,Email,DisplayName,Role,Language\r\n" +
                  "kappa.one,kappa.one@example.com,Kappa Uno,employee,es\r\n" +
                  "kappa.two,kappa.two@example.com,Kappa Two,vendor,en\r\n" +
                  "kappa.taken,kappa.taken2@example.com,Taken,employee,\r\n" +
                  "kappa.bad,not-an-email,Bad,employee,\r\n";
        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload
        {
            Name = "kappa.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        await Expect(page.Locator("#preview-summary")).ToContainTextAsync("Rows: 4 · new: 2 · duplicates: 1 · invalid: 1");
        await Expect(page.Locator("#preview tr[data-line='4']")).ToContainTextAsync("This user name is already taken.");
        await Expect(page.Locator("#preview tr[data-line='5']")).ToContainTextAsync("Email:");
        // An email breaks only after a dot or before the @ ("kappa.one@example.co|m" was cut inside the word).
        foreach (var cell in await page.Locator("#preview td.import-email").AllAsync())
        {
            var split = await Screens.PiecesBrokenInsideAsync(cell);
            Assert.True(split.Length == 0, "Broken inside: " + string.Join(", ", split));
        }
        await session.CheckAsync("users.import.preview");

        // On a phone the actions stand one under the other, starting where the summary's text starts: an action's
        // edge is its border where it has one, else its text (a link button's padding indented "Choose another file").
        await page.SetViewportSizeAsync(Screens.Phone.Width, Screens.Phone.Height);
        var summaryLeft = await VisibleLeftAsync(page.Locator("#preview-summary"));
        var confirmLeft = await VisibleLeftAsync(page.Locator("#confirm button"));
        var anotherLeft = await VisibleLeftAsync(page.GetByRole(AriaRole.Link, new() { Name = "Choose another file" }));
        Assert.True(Math.Abs(confirmLeft - summaryLeft) <= 1 && Math.Abs(anotherLeft - summaryLeft) <= 1,
            $"At 390 px the summary starts at {summaryLeft}px, the confirm button at {confirmLeft}px, 'Choose another file' at {anotherLeft}px.");
        var confirmBox = (await page.Locator("#confirm button").BoundingBoxAsync())!;
        var anotherBox = (await page.GetByRole(AriaRole.Link, new() { Name = "Choose another file" }).BoundingBoxAsync())!;
        Assert.True(anotherBox.Y >= confirmBox.Y + confirmBox.Height, "At 390 px 'Choose another file' is not under the confirm button.");
        await page.SetViewportSizeAsync(Screens.Desktop.Width, Screens.Desktop.Height);
        Assert.False(await browser.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .AnyAsync(db.Users, u => u.UserName == "kappa.one")));

        await page.GetByRole(AriaRole.Button, new() { Name = "Create 2 accounts and send their invitations" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Users/ImportResult"));
        await Expect(page.Locator("#created")).ToHaveTextAsync("Created and invited: 2");
        await Expect(page.Locator("#created-accounts li")).ToHaveTextAsync(["kappa.one", "kappa.two"]);
        await session.CheckAsync("users.import.result");
        var statuses = await browser.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .ToListAsync(db.Users.Where(u => u.UserName!.StartsWith("kappa.")).OrderBy(u => u.UserName).Select(u => new { u.UserName, u.Status })));
        Assert.Equal(["kappa.one:Invited", "kappa.taken:Active", "kappa.two:Invited"], statuses.Select(u => $"{u.UserName}:{u.Status}"));
    }

    private static Task<double> VisibleLeftAsync(ILocator element) => element.EvaluateAsync<double>("""
        e => {
            const style = getComputedStyle(e);
            const transparent = c => c === 'transparent' || c === 'rgba(0, 0, 0, 0)';
            if ((parseFloat(style.borderLeftWidth) > 0 && !transparent(style.borderLeftColor)) || !transparent(style.backgroundColor)) {
                return e.getBoundingClientRect().left;
            }
            const range = document.createRange();
            range.selectNodeContents(e);
            return Math.min(...[...range.getClientRects()].map(r => r.left));
        }
        """);
}
