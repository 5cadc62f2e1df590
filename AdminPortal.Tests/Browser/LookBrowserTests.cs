using System.Text.RegularExpressions;
using AdminPortal.Data;
using AdminPortal.Notifications;
using AdminPortal.Tests.PasswordReset;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminPortal.Tests.Browser;

/// <summary>Points of issue 14 only a browser can show: colours, boxes, focus and a countdown.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LookBrowserTests(BrowserFixture browser)
{
    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..20];

    private static Task<string> ColourAsync(ILocator element, string property) =>
        element.EvaluateAsync<string>($"e => getComputedStyle(e).{property}");

    [Fact]
    public async Task A_confirmation_frame_has_the_colour_of_its_action()
    {
        var active = await browser.App.CreateUserAsync(Unique("frame"));
        var disabled = await browser.App.CreateUserAsync(Unique("frame"), status: AccountStatus.Disabled);
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        await session.SignInAsync("root", Infrastructure.AppFactory.RootPassword);

        var frame = page.Locator("#confirm");
        var button = page.Locator("#confirm form button[type=submit]");
        var colours = new Dictionary<string, string>();
        foreach (var (id, action) in new[] { (active.Id, "disable"), (active.Id, "delete") })
        {
            await session.GotoAsync($"/Users/Details/{id}?confirm={action}");
            colours[action] = await ColourAsync(frame, "borderTopColor");
            Assert.Equal(await ColourAsync(button, "backgroundColor"), colours[action]);
        }
        Assert.NotEqual(colours["disable"], colours["delete"]); // warning is not danger

        // Enabling is neutral: the frame is the theme's neutral border, neither the warning nor the danger colour.
        await session.GotoAsync($"/Users/Details/{disabled.Id}?confirm=enable");
        var neutral = await frame.EvaluateAsync<string>(
            "e => { const probe = document.createElement('div'); probe.style.color = 'var(--bs-secondary-border-subtle)'; e.append(probe); const c = getComputedStyle(probe).color; probe.remove(); return c; }");
        Assert.Equal(neutral, await ColourAsync(frame, "borderTopColor"));
        Assert.DoesNotContain(await ColourAsync(frame, "borderTopColor"), colours.Values);
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task The_bells_count_sits_on_the_bells_corner(int width)
    {
        var holder = await browser.App.CreateUserAsync(Unique("bell"), password: "bell-password-1");
        await browser.App.WithDbAsync(async db =>
        {
            for (var i = 0; i < 3; i++)
            {
                db.Notifications.Add(new Notification { UserId = holder.Id, CreatedAt = browser.App.Clock.GetUtcNow().UtcDateTime, Kind = Notifier.AccountChanged, ActorUserName = "root", Details = "DisplayName" });
            }
            return await db.SaveChangesAsync();
        });
        await using var session = await browser.NewSessionAsync(viewport: new ViewportSize { Width = width, Height = 800 });
        var page = session.Page;
        await session.SignInAsync(holder.UserName!, "bell-password-1");
        if (width < 768)
        {
            await page.Locator("#main-nav > summary").ClickAsync(); // the phone menu holds the bell
        }
        var bell = page.GetByRole(AriaRole.Link, new() { Name = "Notifications, 3 unread" });
        await Expect(bell).ToBeVisibleAsync();
        var icon = (await bell.Locator("svg").BoundingBoxAsync())!;
        var badge = (await bell.Locator(".notification-count").BoundingBoxAsync())!;
        var (badgeX, badgeY) = (badge.X + badge.Width / 2, badge.Y + badge.Height / 2);
        var where = $"At {width}px the icon is at ({icon.X}, {icon.Y}) {icon.Width}x{icon.Height}, the count's centre at ({badgeX}, {badgeY}).";
        // Its centre on the icon's top right quarter's corner area: right of the middle, above the middle, and touching the icon.
        Assert.True(badgeX >= icon.X + icon.Width / 2 && badgeX <= icon.X + icon.Width + badge.Width / 2, where);
        Assert.True(badgeY <= icon.Y + icon.Height / 2 && badgeY >= icon.Y - badge.Height / 2, where);
    }

    [Fact]
    public async Task The_first_field_of_every_form_has_focus_when_the_page_opens()
    {
        var user = await browser.App.CreateUserAsync(Unique("focus"), email: $"{Unique("focus")}@example.com");
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;

        async Task ExpectFocusAsync(string path, string label)
        {
            if (path.Length > 0)
            {
                await session.GotoAsync(path);
            }
            await Expect(page.GetByLabel(label, new() { Exact = true })).ToBeFocusedAsync(new() { Timeout = 10_000 });
        }

        await ExpectFocusAsync("/Identity/Account/Login", "User name or email");
        await ExpectFocusAsync("/Identity/Account/ForgotPassword", "Email");
        await page.GetByLabel("Email").FillAsync(user.Email!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the code" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enter the code", Level = 1 })).ToBeVisibleAsync();
        await ExpectFocusAsync("", "6-digit code");
        var code = ResetWizardSteps.CodeIn(await MessageToAsync(user.Email!));
        await page.GetByLabel("6-digit code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choose a new password", Level = 1 })).ToBeVisibleAsync();
        await ExpectFocusAsync("", "New password");

        await session.SignInAsync("root", Infrastructure.AppFactory.RootPassword);
        foreach (var (path, label) in new[]
                 {
                     ("/Users/Create", "User name"), ($"/Users/Edit/{user.Id}", "User name"), ($"/Users/SetPassword/{user.Id}", "New password"),
                     ("/Users/Import", "CSV file"), ("/Identity/Account/Manage/ChangePassword", "Current password"),
                     ("/Identity/Account/Manage/Email", "New email"), ("/Identity/Account/Manage/EnableAuthenticator", "Code from the app"),
                 })
        {
            await ExpectFocusAsync(path, label);
        }

        await using var signUpApp = browser.StartApp(a => a.With("AdminPortal:SelfRegistration", "RequiresApproval"));
        await using var visitor = await browser.NewSessionAsync(signUpApp);
        await visitor.GotoAsync("/Identity/Account/RequestAccount");
        await Expect(visitor.Page.GetByLabel("User name", new() { Exact = true })).ToBeFocusedAsync();
    }

    [Fact]
    public async Task On_a_phone_an_accounts_actions_are_full_width_one_a_line()
    {
        var account = await browser.App.CreateUserAsync(Unique("acts"));
        // An administrator who reads Spanish (the longer labels), and root in English.
        var spanish = await browser.App.CreateUserAsync(Unique("actses"), Roles.Admin, "actses-password");
        await browser.App.WithDbAsync(db => db.Users.Where(u => u.Id == spanish.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, "es")));
        foreach (var (locale, login, password) in new[] { ("en", "root", Infrastructure.AppFactory.RootPassword), ("es", spanish.UserName!, "actses-password") })
        {
            await using var session = await browser.NewSessionAsync(viewport: Screens.Phone);
            await session.SignInAsync(login, password);
            await session.GotoAsync($"/Users/Details/{account.Id}");
            var container = (await session.Page.Locator("#actions").BoundingBoxAsync())!;
            var buttons = session.Page.Locator("#actions .btn");
            Assert.True(await buttons.CountAsync() >= 4);
            var previousBottom = double.MinValue;
            foreach (var button in await buttons.AllAsync())
            {
                var box = (await button.BoundingBoxAsync())!;
                var text = await button.InnerTextAsync();
                Assert.True(Math.Abs(box.X - container.X) <= 1 && Math.Abs(box.Width - container.Width) <= 1,
                    $"{locale}: '{text}' is {box.Width}px wide at {box.X}, the actions {container.Width}px at {container.X}.");
                Assert.True(box.Y >= previousBottom, $"{locale}: '{text}' overlaps the button above it.");
                previousBottom = box.Y + box.Height;
            }
            await session.CheckAsync($"users.details.actions.{locale}");
        }
    }

    [Fact]
    public async Task Send_a_new_code_counts_down_disabled_and_the_server_still_refuses_too_early()
    {
        var user = await browser.App.CreateUserAsync(Unique("wait"), email: $"{Unique("wait")}@example.com");
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        await page.Clock.InstallAsync();
        await session.GotoAsync("/Identity/Account/ForgotPassword");
        await page.GetByLabel("Email").FillAsync(user.Email!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the code" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enter the code", Level = 1 })).ToBeVisibleAsync();

        var resend = page.GetByRole(AriaRole.Button, new() { Name = "Send a new code" });
        var message = page.Locator("#resend-form [data-wait-message]");
        await Expect(resend).ToBeDisabledAsync();
        await Expect(message).ToHaveTextAsync(new Regex(@"^No email\? You can ask for a new code in \d+ seconds\.$"));
        var first = int.Parse(Regex.Match(await message.InnerTextAsync(), @"\d+").Value, System.Globalization.CultureInfo.InvariantCulture);

        await page.Clock.FastForwardAsync(10_000);
        await Expect(message).ToHaveTextAsync($"No email? You can ask for a new code in {first - 10} seconds.");
        await Expect(resend).ToBeDisabledAsync();

        await page.Clock.FastForwardAsync((first - 10) * 1000 + 1000);
        await Expect(resend).ToBeEnabledAsync();
        await Expect(message).ToHaveTextAsync("No email? Check your spam folder, or ask for a new code.");

        // The browser's clock moved, the server's did not: the server refuses with the wait it still counts.
        await resend.ClickAsync();
        await Expect(page.Locator("main .validation-summary-errors")).ToHaveTextAsync(new Regex(@"^You can ask for a new code in \d+ seconds\.$"));
    }

    private async Task<MimeKit.MimeMessage> MessageToAsync(string address)
    {
        for (var waited = 0; waited < 30_000 && browser.Smtp.To(address).Count == 0; waited += 100)
        {
            await Task.Delay(100);
        }
        return Assert.Single(browser.Smtp.To(address));
    }
}
