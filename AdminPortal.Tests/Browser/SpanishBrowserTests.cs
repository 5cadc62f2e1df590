using System.Text.RegularExpressions;
using AdminPortal.Data;
using AdminPortal.Tests.PasswordReset;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace AdminPortal.Tests.Browser;

/// <summary>
/// The main flows in Spanish, from a browser that asks for Spanish: every page is scanned and photographed in both
/// themes like the English ones (names carry ".es."), and Spanish's longer texts must still fit a 390 px phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SpanishBrowserTests(BrowserFixture browser)
{
    private const string Spanish = "es-ES";

    [Fact]
    public async Task Sign_in_in_Spanish_then_the_quick_switch_changes_the_language_for_good()
    {
        await CreateSpanishUserAsync("sofia.es", Roles.Admin, "sofia-password");
        await using var session = await browser.NewSessionAsync(locale: Spanish);
        var page = session.Page;

        await session.GotoAsync("/Identity/Account/Login");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Iniciar sesión" })).ToBeVisibleAsync();
        await session.CheckAsync("sign-in");

        await FillSignInAsync(page, "sofia.es", "not-her-password");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("El nombre de usuario, el correo electrónico o la contraseña no son correctos.");
        await session.CheckAsync("sign-in.wrong-password");

        await FillSignInAsync(page, "sofia.es", "sofia-password");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Le damos la bienvenida, sofia.es display");
        await session.CheckAsync("home.admin");

        await page.GetByRole(AriaRole.Button, new() { Name = "EN · English" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welcome, sofia.es display");
        Assert.Equal("en", await browser.App.WithDbAsync(db => db.Users.Where(u => u.UserName == "sofia.es").Select(u => u.Language).SingleAsync()));

        await page.GetByRole(AriaRole.Button, new() { Name = "ES · Español" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Idioma cambiado a Español.");
        await page.Locator("#user-menu").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Idioma", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Idioma", Level = 1 })).ToBeVisibleAsync();
        await session.CheckAsync("settings.language");
    }

    [Fact]
    public async Task The_user_list_and_the_audit_log_in_Spanish()
    {
        // The app is shared: no other browser test makes an account with "jota" in it.
        for (var i = 1; i <= 3; i++)
        {
            await browser.App.CreateUserAsync($"jota{i:00}", i == 3 ? Roles.Vendor : Roles.Employee, status: i == 2 ? AccountStatus.Disabled : AccountStatus.Active);
        }
        await CreateSpanishUserAsync("maria.es", Roles.Admin, "maria-password");
        await using var session = await browser.NewSessionAsync(locale: Spanish);
        await SignInAsync(session, "maria.es", "maria-password");
        var page = session.Page;

        await page.GetByRole(AriaRole.Link, new() { Name = "Usuarios", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Usuarios", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Buscar" }).FillAsync("jota");
        await page.GetByRole(AriaRole.Button, new() { Name = "Buscar" }).ClickAsync();
        await Expect(page.Locator("#total")).ToHaveTextAsync("Cuentas 1–3 de 3");
        await Expect(page.Locator("tbody tr[data-user=jota02]")).ToContainTextAsync("Desactivada");
        await Expect(page.Locator("tbody tr[data-user=jota03]")).ToContainTextAsync("Proveedor");
        await session.CheckAsync("users.list");

        await page.GetByRole(AriaRole.Link, new() { Name = "Registro de auditoría" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Registro de auditoría", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("tbody")).ToContainTextAsync("Inicio de sesión");
        await session.CheckAsync("audit");
    }

    [Fact]
    public async Task An_account_is_created_in_Spanish_after_refused_tries()
    {
        // "sigma": no other browser test uses the prefix (they share one app; SuggestComboboxTests counts "kappa.*").
        await browser.App.CreateUserAsync("sigma.taken", Roles.Employee);
        await CreateSpanishUserAsync("pablo.es", Roles.Admin, "pablo-password");
        await using var session = await browser.NewSessionAsync(locale: Spanish);
        await SignInAsync(session, "pablo.es", "pablo-password");
        var page = session.Page;

        await session.GotoAsync("/Users");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nueva cuenta" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nueva cuenta", Level = 1 })).ToBeVisibleAsync();
        await session.CheckAsync("users.create");

        await page.GetByRole(AriaRole.Button, new() { Name = "Crear cuenta" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.UserName']")).ToHaveTextAsync("Escriba un nombre de usuario.");
        await Expect(page.Locator("[data-valmsg-for='Input.Email']")).ToHaveTextAsync("Escriba una dirección de correo electrónico.");

        await page.GetByLabel("Nombre de usuario").FillAsync("Sigma.Taken"); // taken, ignoring case: only the server knows
        await page.GetByLabel("Correo electrónico", new() { Exact = true }).FillAsync("sigma.new@example.com");
        await page.GetByLabel("Nombre para mostrar").FillAsync("Sigma Nueva");
        await page.GetByLabel("Rol").SelectOptionAsync(Roles.Vendor);
        await page.GetByLabel("Establecer una contraseña ahora").CheckAsync();
        await page.GetByLabel("Contraseña", new() { Exact = true }).FillAsync("sigma-password");
        await page.GetByLabel("Confirmar la contraseña").FillAsync("sigma-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Crear cuenta" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.UserName']")).ToHaveTextAsync("Este nombre de usuario ya está en uso.");
        await Expect(page.GetByLabel("Correo electrónico", new() { Exact = true })).ToHaveValueAsync("sigma.new@example.com");
        await session.CheckAsync("users.create.invalid");

        await page.GetByLabel("Nombre de usuario").FillAsync("sigma.new");
        await page.GetByLabel("Contraseña", new() { Exact = true }).FillAsync("sigma-password");
        await page.GetByLabel("Confirmar la contraseña").FillAsync("sigma-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Crear cuenta" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Se ha creado la cuenta sigma.new.");
        await session.CheckAsync("users.details");
        Assert.Equal("es", await browser.App.WithDbAsync(db => db.Users.Where(u => u.UserName == "sigma.new").Select(u => u.Language).SingleAsync()));
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_in_Spanish_with_a_Spanish_email()
    {
        await CreateSpanishUserAsync("lucia.es", Roles.Employee, "lucia-old-password", "lucia.es@example.com");
        await using var session = await browser.NewSessionAsync(locale: Spanish);
        var page = session.Page;

        await session.GotoAsync("/Identity/Account/Login");
        await page.GetByRole(AriaRole.Link, new() { Name = "¿Ha olvidado su contraseña?" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Restablecer la contraseña", Level = 1 })).ToBeVisibleAsync();
        await session.CheckAsync("reset.1-email");

        await page.GetByLabel("Correo electrónico", new() { Exact = true }).FillAsync("lucia.es@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar el código" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Escriba el código", Level = 1 })).ToBeVisibleAsync();
        await session.CheckAsync("reset.2-code");
        var message = await MessageToAsync("lucia.es@example.com", 1);
        Assert.Equal("Su código para restablecer la contraseña de AdminPortal", message.Subject);

        await page.GetByLabel("Código de 6 dígitos").FillAsync(ResetWizardSteps.CodeIn(message));
        await page.GetByRole(AriaRole.Button, new() { Name = "Continuar" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Elija una nueva contraseña", Level = 1 })).ToBeVisibleAsync();
        await session.CheckAsync("reset.3-new-password");

        await page.GetByLabel("Nueva contraseña", new() { Exact = true }).FillAsync("lucia-new-password");
        await page.GetByLabel("Confirmar la nueva contraseña").FillAsync("lucia-new-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Establecer la nueva contraseña" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Identity/Account/Login$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Su contraseña se ha cambiado");
        Assert.Equal("Se ha cambiado su contraseña de AdminPortal", (await MessageToAsync("lucia.es@example.com", 2)).Subject);
    }

    private async Task CreateSpanishUserAsync(string userName, string role, string password, string? email = null)
    {
        await browser.App.CreateUserAsync(userName, role, password, email: email);
        await browser.App.WithDbAsync(db => db.Users.Where(u => u.UserName == userName)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, "es")));
    }

    private static async Task SignInAsync(BrowserSession session, string login, string password)
    {
        await session.GotoAsync("/Identity/Account/Login");
        await FillSignInAsync(session.Page, login, password);
        await Expect(session.Page).Not.ToHaveURLAsync(new Regex("/Identity/Account/Login"));
    }

    private static async Task FillSignInAsync(IPage page, string login, string password)
    {
        await page.GetByLabel("Nombre de usuario o correo electrónico").FillAsync(login);
        await page.GetByLabel("Contraseña", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Iniciar sesión", Exact = true }).ClickAsync();
    }

    /// <summary>The <paramref name="count"/>th message to the address, once the app has sent it.</summary>
    private async Task<MimeMessage> MessageToAsync(string address, int count)
    {
        for (var waited = 0; waited < 30_000 && browser.Smtp.To(address).Count < count; waited += 100)
        {
            await Task.Delay(100);
        }
        var messages = browser.Smtp.To(address);
        Assert.True(messages.Count >= count, $"{address} received {messages.Count} messages, expected {count}.");
        return messages[count - 1];
    }
}
