using System.Net;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using static AdminPortal.Tests.PasswordReset.ResetWizardSteps;

namespace AdminPortal.Tests.Accounts;

/// <summary>
/// The language (DESIGN.md "Languages", issue 13): the account's stored language, else the cookie of a visitor's
/// pick, else the browser's Accept-Language, else AdminPortal:DefaultLanguage.
/// </summary>
public sealed class LanguageTests : IAsyncLifetime
{
    private const string Switch = "/Identity/Account/Language";
    private const string SettingsPage = "/Identity/Account/Manage/Language";
    private SmtpTestServer _smtp = null!;
    private AppFactory _app = null!;

    public async ValueTask InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        _app = new AppFactory().With("Smtp:Host", "127.0.0.1").With("Smtp:Port", _smtp.PortText);
        await _app.CreateUserAsync("alice", Roles.Vendor, "alice-password", email: "alice@example.com");
        await _app.CreateUserAsync("bob", Roles.Employee, "bob-password", email: "bob@example.com");
        await SetStoredLanguageAsync("alice", "es");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Theory]
    [InlineData("es", "es", "Iniciar sesión")]
    [InlineData("es-MX,es;q=0.9,en;q=0.5", "es", "Iniciar sesión")]
    [InlineData("en-US,en;q=0.9", "en", "Sign in")]
    [InlineData("fr-FR,fr;q=0.9", "en", "Sign in")]
    public async Task Before_sign_in_the_browsers_Accept_Language_decides(string acceptLanguage, string lang, string heading)
    {
        using var browser = _app.CreateBrowser();
        browser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        var page = await browser.GetPageAsync("/Identity/Account/Login");
        Assert.Equal(lang, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(heading, page.QuerySelector("main h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task Spanish_reaches_the_validation_messages_and_the_sign_in_errors()
    {
        using var browser = _app.CreateBrowser();
        browser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var empty = await HttpBrowser.ParseAsync(await browser.SignInAsync("", ""));
        Assert.Equal("Escriba su nombre de usuario o su correo electrónico.", empty.FieldError("Input.Login"));
        Assert.Equal("Escriba su contraseña.", empty.FieldError("Input.Password"));

        var wrong = await HttpBrowser.ParseAsync(await browser.SignInAsync("bob", "not-the-password"));
        Assert.Contains("El nombre de usuario, el correo electrónico o la contraseña no son correctos.", wrong.Summary());
    }

    [Fact]
    public async Task After_sign_in_the_stored_language_beats_the_browsers()
    {
        using (var alice = await _app.SignedInBrowserAsync("alice", "alice-password"))
        {
            alice.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
            var home = await alice.GetPageAsync("/");
            Assert.Equal("es", home.DocumentElement.GetAttribute("lang"));
            Assert.Contains("Cerrar sesión", home.QuerySelector("header")!.TextContent);
        }
        using var bob = _app.CreateBrowser();
        bob.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        Assert.Equal(HttpStatusCode.Redirect, (await bob.SignInAsync("bob", "bob-password")).StatusCode);
        var page = await bob.GetPageAsync("/");
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Sign out", page.QuerySelector("header")!.TextContent);
    }

    [Fact]
    public async Task A_visitor_picks_a_language_on_the_sign_in_page_and_a_cookie_keeps_it()
    {
        using var browser = _app.CreateBrowser();
        browser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var login = await browser.GetPageAsync("/Identity/Account/Login?returnUrl=%2FUsers");
        var form = HttpBrowser.FindForm(login, "nav form.language-picker");
        var response = await browser.SubmitAsync(form, submitButton: form.QuerySelector<IHtmlElement>("button[value=es]"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Identity/Account/Login?returnUrl=%2FUsers", response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("AdminPortal.Language=", StringComparison.Ordinal));

        var spanish = await browser.FollowAsync(response);
        Assert.Equal("es", spanish.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Iniciar sesión", spanish.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Equal("true", spanish.QuerySelector("nav form.language-picker button[value=es]")!.GetAttribute("aria-current"));
        Assert.Equal("es", (await browser.GetPageAsync("/Identity/Account/ForgotPassword")).DocumentElement.GetAttribute("lang"));

        // Signed in, the account's own language (English for bob) wins over the cookie; nothing is stored by the visit.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("bob", "bob-password")).StatusCode);
        Assert.Equal("en", (await browser.GetPageAsync("/")).DocumentElement.GetAttribute("lang"));
        Assert.Equal("en", await StoredLanguageAsync("bob"));
    }

    [Fact]
    public async Task The_settings_page_stores_the_language_audits_it_and_answers_in_it()
    {
        using var browser = await _app.SignedInBrowserAsync("bob", "bob-password");
        var settings = await browser.GetPageAsync(SettingsPage);
        Assert.True((settings.QuerySelector("#language-en") as IHtmlInputElement)!.IsChecked);

        var response = await browser.SubmitFormAsync(SettingsPage, new Dictionary<string, string> { ["language"] = "es" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(SettingsPage, response.Headers.Location!.OriginalString);
        Assert.Equal("es", await StoredLanguageAsync("bob"));
        var page = await browser.FollowAsync(response);
        Assert.Equal("es", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Idioma cambiado a Español.", page.StatusMessage());
        Assert.True((page.QuerySelector("#language-es") as IHtmlInputElement)!.IsChecked);

        var entry = await _app.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.AccountLanguageChange));
        Assert.Equal(("bob", """{"Language":{"Old":"en","New":"es"}}"""), (entry.TargetUserName, entry.Changes));
    }

    [Fact]
    public async Task The_quick_switch_returns_to_the_page_the_user_was_on()
    {
        using var browser = await _app.SignedInBrowserAsync("bob", "bob-password");
        var page = await browser.GetPageAsync("/Identity/Account/Manage/Email?from=menu");
        var form = HttpBrowser.FindForm(page, "nav form.language-picker");
        var response = await browser.SubmitAsync(form, submitButton: form.QuerySelector<IHtmlElement>("button[value=es]"));
        Assert.Equal("/Identity/Account/Manage/Email?from=menu", response.Headers.Location!.OriginalString);
        var back = await browser.FollowAsync(response);
        Assert.Equal("es", back.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Correo electrónico actual", back.QuerySelector("main dt, main label")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("es-MX")]
    [InlineData("spanish")]
    [InlineData("1")]
    [InlineData("")]
    public async Task Anything_but_en_or_es_is_refused_with_400_and_changes_nothing(string value)
    {
        using var signedIn = await _app.SignedInBrowserAsync("bob", "bob-password");
        var response = await PostLanguageAsync(signedIn, "/", value);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("en", await StoredLanguageAsync("bob"));

        using var visitor = _app.CreateBrowser();
        var refused = await PostLanguageAsync(visitor, "/Identity/Account/Login", value);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.False(refused.Headers.TryGetValues("Set-Cookie", out var cookies)
            && cookies.Any(c => c.StartsWith("AdminPortal.Language=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_switch_needs_the_antiforgery_token()
    {
        using var browser = _app.CreateBrowser();
        var response = await browser.Client.PostAsync(Switch, new FormUrlEncodedContent(new Dictionary<string, string> { ["language"] = "es" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("AdminPortal.Language=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_reset_code_asked_from_an_English_browser_arrives_in_the_accounts_language()
    {
        using var browser = _app.CreateBrowser();
        browser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        Assert.Equal(Step2, (await browser.RequestCodeAsync("alice@example.com")).Location());
        var message = Assert.Single(_smtp.To("alice@example.com"));
        Assert.Equal("Su código para restablecer la contraseña de AdminPortal", message.Subject);
        Assert.Contains("Hola, alice display:", message.TextBody);
        Assert.Contains("El código es válido durante 15 minutos", message.TextBody);
        Assert.Contains("lang=\"es\"", message.HtmlBody);
        Assert.Contains("Si no ha sido usted", message.HtmlBody);
        Assert.DoesNotContain("password", message.TextBody, StringComparison.OrdinalIgnoreCase);

        // The request itself stays English, and so does the next step for this browser.
        var step2 = await browser.GetPageAsync(Step2);
        Assert.Equal("en", step2.DocumentElement.GetAttribute("lang"));

        Assert.Equal(Step3, (await browser.EnterCodeAsync(CodeIn(message))).Location());
        Assert.Equal("/Identity/Account/Login", (await browser.SetNewPasswordAsync("a brand new passphrase")).Location());
        var changed = _smtp.To("alice@example.com")[1];
        Assert.Equal("Se ha cambiado su contraseña de AdminPortal", changed.Subject);
        Assert.Contains("se cambió el 24 noviembre 2026 a las 09:00 (UTC)", changed.TextBody);
    }

    [Fact]
    public async Task An_English_account_gets_English_email_from_a_Spanish_browser()
    {
        using var browser = _app.CreateBrowser();
        browser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        await browser.RequestCodeAsync("bob@example.com");
        var message = Assert.Single(_smtp.To("bob@example.com"));
        Assert.Equal("Your AdminPortal password reset code", message.Subject);
        Assert.Contains("lang=\"en\"", message.HtmlBody);
    }

    [Fact]
    public async Task An_account_created_by_an_admin_takes_the_language_of_the_admins_request()
    {
        using var root = await _app.SignedInAsRootAsync();
        foreach (var (userName, language) in new[] { ("carmen", "es"), ("dave", "en") })
        {
            await SetStoredLanguageAsync("root", language); // the admin's request speaks the admin's language
            var response = await root.SubmitFormAsync("/Users/Create", new Dictionary<string, string>
            {
                ["Input.UserName"] = userName,
                ["Input.Email"] = $"{userName}@example.com",
                ["Input.DisplayName"] = userName,
                ["Input.Role"] = Roles.Employee,
                ["Input.Method"] = "Password",
                ["Input.Password"] = "password-1234",
                ["Input.ConfirmPassword"] = "password-1234",
            });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(language, await StoredLanguageAsync(userName));
        }
    }

    [Fact]
    public async Task The_audit_log_shows_what_entries_store_in_the_readers_language()
    {
        using (var visitor = _app.CreateBrowser())
        {
            await visitor.SignInAsync("bob", "wrong-password");
        }
        await SetStoredLanguageAsync("root", "es");
        using var root = await _app.SignedInAsRootAsync();
        var log = await root.GetPageAsync("/Audit?action=auth.signin.failure");
        var row = log.QuerySelector("tbody tr")!;
        Assert.Equal("Inicio de sesión rechazado", row.QuerySelector("[data-action]")!.TextContent.Trim());
        Assert.Contains("Contraseña incorrecta", row.TextContent);
        Assert.Contains("Inicio de sesión rechazado", log.QuerySelectorAll("#Action option").Select(o => o.TextContent));

        var csv = await (await root.GetAsync("/Audit?handler=Export&action=auth.signin.failure")).Content.ReadAsStringAsync();
        Assert.StartsWith("ID,Fecha y hora (UTC),ID del autor,Autor,Acción,", csv);
        Assert.Contains($",{AuditActions.SignInFailure},", csv);
        Assert.Contains($",{AuditReasons.WrongPassword},", csv);

        var stored = await _app.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.SignInFailure));
        Assert.Equal(AuditReasons.WrongPassword, stored.Reason);
    }

    [Fact]
    public async Task The_principal_takes_the_configured_default_language()
    {
        await using var app = new AppFactory().With("AdminPortal:DefaultLanguage", "es");
        Assert.Equal("es", await app.WithDbAsync(db => db.Users.Where(u => u.IsPrincipal).Select(u => u.Language).SingleAsync()));
        using var visitor = app.CreateBrowser();
        Assert.Equal("es", (await visitor.GetPageAsync("/Identity/Account/Login")).DocumentElement.GetAttribute("lang"));
        Assert.Equal("en", await _app.WithDbAsync(db => db.Users.Where(u => u.IsPrincipal).Select(u => u.Language).SingleAsync()));
    }

    /// <summary>Posts the quick switch of <paramref name="pageUrl"/> with its real antiforgery token and any value.</summary>
    private static async Task<HttpResponseMessage> PostLanguageAsync(HttpBrowser browser, string pageUrl, string value)
    {
        var page = await browser.GetPageAsync(pageUrl);
        var form = HttpBrowser.FindForm(page, "nav form.language-picker");
        return await browser.Client.PostAsync(form.Action, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value,
            ["language"] = value,
        }));
    }

    private Task<string> StoredLanguageAsync(string userName) =>
        _app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Language).SingleAsync());

    private Task SetStoredLanguageAsync(string userName, string language) =>
        _app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, language)));
}
