using System.Collections;
using System.Globalization;
using System.Net;
using System.Resources;
using System.Text.RegularExpressions;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.Tests.TwoFactor;
using AdminPortal.Tests.Users;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using static AdminPortal.Tests.PasswordReset.ResetWizardSteps;

namespace AdminPortal.Tests.Localization;

/// <summary>
/// No page shows a framework default validation message (issue 14, "One way of giving feedback"): every form of the
/// app is submitted through HTTP with real antiforgery tokens, with its fields empty and with bad values (hidden fields
/// too), in English and in Spanish, and every validation message the answer holds — the summary, the messages at the
/// fields, and the client-side messages in data-val-* attributes of the page — must be one of the app's own texts in
/// the page's language, and none may be one of .NET's default messages.
/// </summary>
public sealed partial class ValidationMessageTests : IAsyncLifetime
{
    private AppFactory _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = new AppFactory();
        _ = _app.Services;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    public async Task Every_validation_message_of_every_form_is_the_apps_own_text(string language)
    {
        var found = new Messages();
        var id = Guid.NewGuid().ToString("N")[..6];

        // An administrator (user administration, audit log, own settings), in the language under test.
        var admin = $"val.admin.{id}";
        await _app.CreateUserAsync(admin, Roles.Admin);
        await SetLanguageAsync(admin, language);
        var target = $"val.target.{id}";
        await _app.CreateUserAsync(target, Roles.Employee);
        var targetId = await _app.IdOfAsync(target);
        var browser = await SignedInAsync(admin, language);

        await CheckFormsAsync(browser, "/Users/Create", "main form[method=post]", found);
        await CheckFormsAsync(browser, $"/Users/Edit/{targetId}", "main form[method=post]", found);
        await CheckFormsAsync(browser, $"/Users/SetPassword/{targetId}", "main form[method=post]", found);
        await CheckFormsAsync(browser, "/Users", "main form[method=get]", found);
        await CheckFormsAsync(browser, "/Audit", "main form[method=get]", found);
        // The confirmation has no field but its token: once is all it takes (and then the account is disabled).
        await CheckFormAsync(browser, $"/Users/Details/{targetId}?confirm=disable", "#confirm form", Variant.AllBad, found);
        await CheckFormsAsync(browser, $"/Users/Bulk?bulk=enable&ids={targetId}", "main form[method=post]", found);
        await CheckFormsAsync(browser, "/Identity/Account/Manage/Theme", "main form[method=post]", found);
        await CheckFormsAsync(browser, "/Identity/Account/Manage/Language", "main form[method=post]", found);
        await CheckFormsAsync(browser, "/Identity/Account/Manage/Email", "main form[method=post]", found);
        await CheckFormsAsync(browser, "/Identity/Account/Manage/EnableAuthenticator", "main form[method=post]", found);
        // Ending a session: another sign-in gives one to end, and the spoiled variants name no real session.
        await SignedInAsync(admin, language);
        await CheckFormAsync(browser, "/Identity/Account/Manage/Sessions", "form.session-end", Variant.AllEmpty, found);
        await CheckFormAsync(browser, "/Identity/Account/Manage/Sessions", "form.session-end", Variant.AllBad, found);
        await CheckFormsAsync(browser, "/Identity/Account/Manage/ChangePassword", "main form[method=post]", found);

        // An account with an authenticator app: its settings, then the second step of signing in.
        var enrolled = $"val.2fa.{id}";
        await _app.CreateUserAsync(enrolled, Roles.Employee);
        await SetLanguageAsync(enrolled, language);
        var enrolledBrowser = await SignedInAsync(enrolled, language);
        await _app.EnrolAsync(enrolledBrowser);
        await CheckFormsAsync(enrolledBrowser, TwoFactorTestHelpers.NewCodesPage, "main form[method=post]", found);
        await CheckFormsAsync(enrolledBrowser, TwoFactorTestHelpers.DisablePage, "main form[method=post]", found);
        foreach (var step in new[] { TwoFactorTestHelpers.CodeStepPage, TwoFactorTestHelpers.RecoveryStepPage })
        {
            foreach (var variant in Variants)
            {
                var visitor = Visitor(language);
                var password = await visitor.SignInAsync(enrolled, "password-123");
                Assert.StartsWith(TwoFactorTestHelpers.CodeStepPage, password.Location());
                await CheckFormAsync(visitor, step, "main form[method=post]", variant, found);
            }
        }

        // Before sign-in: the sign-in page and each step of the reset wizard, each submission from a visitor of its own.
        foreach (var variant in Variants)
        {
            // The reset wizard counts requests per email, and a second request replaces the first code: an account of
            // its own for each variant and step, so each address receives one mail and the code read is the live one.
            var resetting = $"val.reset.{variant}.{id}";
            var confirming = $"val.reset3.{variant}.{id}";
            await _app.CreateUserAsync(resetting, Roles.Employee);
            await _app.CreateUserAsync(confirming, Roles.Employee);
            await CheckFormAsync(Visitor(language), "/Identity/Account/Login", "main form[method=post]", variant, found);
            await CheckFormAsync(Visitor(language), Step1, "main form[method=post]", variant, found);

            var atStep2 = Visitor(language);
            Assert.Equal(HttpStatusCode.Redirect, (await atStep2.RequestCodeAsync($"{resetting}@example.com")).StatusCode);
            await CheckFormAsync(atStep2, Step2, "#code-form", variant, found);
            await CheckFormAsync(atStep2, Step2, "#resend-form", variant, found);

            var atStep3 = Visitor(language);
            Assert.Equal(HttpStatusCode.Redirect, (await atStep3.RequestCodeAsync($"{confirming}@example.com")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await atStep3.EnterCodeAsync(CodeIn(OnlyMailTo($"{confirming}@example.com")))).StatusCode);
            await CheckFormAsync(atStep3, Step3, "main form[method=post]", variant, found);
        }

        // An invitation's page, opened from its link.
        var invited = $"val.invited.{id}";
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitFormAsync("/Users/Create", Invitations.InvitationTests.InvitationFormFor(invited))).StatusCode);
        var link = Invitations.InvitationTests.LinkInPickupFolder(_app, $"{invited}@example.com");
        foreach (var variant in Variants)
        {
            await CheckFormAsync(Visitor(language), link, "main form[method=post]", variant, found);
        }

        Assert.True(found.Count > 30, $"Only {found.Count} messages were found: the forms did not give the errors they should.\n{found}");
        var own = OwnTexts(language);
        var frameworks = FrameworkDefaults();
        var foreign = found.All
            .Where(m => !own.Any(p => p.IsMatch(m.Text)) || frameworks.Any(p => p.IsMatch(m.Text)))
            .Select(m => $"\"{m.Text}\" ({m.Where}){string.Concat(frameworks.Where(p => p.IsMatch(m.Text)).Select(p => " matches " + p))}")
            .Distinct()
            .ToList();
        Assert.True(foreign.Count == 0,
            $"These validation messages are not the app's own {language} texts, or are .NET's defaults:\n  " + string.Join("\n  ", foreign));
    }

    [Fact]
    public void The_check_knows_a_framework_default_and_an_untranslated_message_when_it_sees_one()
    {
        var frameworks = FrameworkDefaults();
        Assert.Contains(frameworks, p => p.IsMatch("The Confirm password field is required."));
        Assert.Contains(frameworks, p => p.IsMatch("The value 'abc' is not valid for Page."));
        Assert.DoesNotContain(frameworks, p => p.IsMatch("Enter your password."));
        var spanish = OwnTexts("es");
        Assert.Contains(spanish, p => p.IsMatch(LocalizationKeys.Spanish()["The password must be {2}–{1} characters."].Replace("{2}", "8").Replace("{1}", "128")));
        Assert.DoesNotContain(spanish, p => p.IsMatch("Enter your password."));
    }

    private enum Variant
    {
        VisibleEmpty,
        VisibleBad,
        AllEmpty,
        AllBad,
    }

    private static readonly Variant[] Variants = Enum.GetValues<Variant>();

    private HttpBrowser Visitor(string language)
    {
        var visitor = _app.CreateBrowser();
        visitor.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return visitor;
    }

    private async Task<HttpBrowser> SignedInAsync(string userName, string language)
    {
        var browser = Visitor(language);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(userName, "password-123")).StatusCode);
        return browser;
    }

    private Task SetLanguageAsync(string userName, string language) =>
        _app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, language)));

    private MimeMessage OnlyMailTo(string email) => PickupMail.OnlyMessageTo(_app, email);

    private async Task CheckFormsAsync(HttpBrowser browser, string url, string selector, Messages found)
    {
        foreach (var variant in Variants)
        {
            await CheckFormAsync(browser, url, selector, variant, found);
        }
    }

    /// <summary>Opens the page, keeps its messages, submits every form matching the selector as the variant says, and keeps what comes back.</summary>
    private static async Task CheckFormAsync(HttpBrowser browser, string url, string selector, Variant variant, Messages found)
    {
        var page = await browser.GetPageAsync(url);
        found.Collect(page, $"GET {url}");
        var forms = page.QuerySelectorAll(selector).OfType<IHtmlFormElement>().ToList();
        Assert.True(forms.Count > 0, $"No form matches {selector} on {url}.");
        foreach (var form in forms)
        {
            var fields = Fill(form, variant);
            var action = new Uri(new Uri(page.Url), form.GetAttribute("action") is { Length: > 0 } given ? given : page.Url).ToString();
            HttpResponseMessage response;
            if (string.Equals(form.Method, "get", StringComparison.OrdinalIgnoreCase))
            {
                var target = new UriBuilder(action) { Query = HttpBrowser.FormBody(fields) };
                response = await browser.GetAsync(target.Uri.PathAndQuery);
            }
            else
            {
                response = await browser.PostBodyAsync(action, HttpBrowser.FormBody(fields));
            }
            var where = $"{variant} {form.Method.ToUpperInvariant()} {new Uri(action).PathAndQuery} from {url}";
            Assert.True((int)response.StatusCode < 500, $"{where} answered {(int)response.StatusCode}.");
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
            {
                var next = await browser.GetAsync(response.Location());
                if (next.StatusCode == HttpStatusCode.OK)
                {
                    found.Collect(await HttpBrowser.ParseAsync(next), where + " → " + response.Location());
                }
                continue;
            }
            found.Collect(await HttpBrowser.ParseAsync(response), where);
        }
    }

    /// <summary>What the form sends: its own values, with the fields the variant names emptied or spoiled.</summary>
    private static List<KeyValuePair<string, string>> Fill(IHtmlFormElement form, Variant variant)
    {
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value");
        var fields = new List<KeyValuePair<string, string>>();
        var named = form.Elements.Where(e => e.GetAttribute("name") is { Length: > 0 } && e is not IHtmlButtonElement)
            .GroupBy(e => e.GetAttribute("name")!);
        foreach (var group in named)
        {
            var name = group.Key;
            if (name == "__RequestVerificationToken")
            {
                fields.Add(KeyValuePair.Create(name, token ?? ""));
                continue;
            }
            var element = group.First(e => e is not IHtmlInputElement { Type: "hidden" } || group.All(g => g is IHtmlInputElement { Type: "hidden" }));
            var hidden = element is IHtmlInputElement { Type: "hidden" };
            var spoil = variant is Variant.AllEmpty or Variant.AllBad || !hidden;
            if (!spoil)
            {
                fields.AddRange(group.Select(e => KeyValuePair.Create(name, e.GetAttribute("value") ?? "")));
                continue;
            }
            var empty = variant is Variant.VisibleEmpty or Variant.AllEmpty;
            fields.Add(KeyValuePair.Create(name, empty ? "" : BadValueFor(element)));
        }
        return fields;
    }

    private static string BadValueFor(IElement element) => element switch
    {
        IHtmlInputElement { Type: "email" } => "not an email",
        IHtmlInputElement { Type: "password" } => "short",
        IHtmlInputElement { Type: "date" or "datetime-local" or "month" or "time" } => "2026-13-45",
        IHtmlInputElement { Type: "number" } => "abc",
        IHtmlInputElement { Type: "checkbox" } => "yes",
        IHtmlInputElement { Type: "radio" } or IHtmlSelectElement => "bogus",
        _ when element.GetAttribute("inputmode") == "numeric" => "12ab",
        _ => new string('x', 300) + " <bad>@",
    };

    /// <summary>The app's texts in the language, each a pattern in which a placeholder stands for any text.</summary>
    private static List<Regex> OwnTexts(string language)
    {
        var texts = language == "es" ? LocalizationKeys.Spanish().Values : LocalizationKeys.Used().Keys;
        return [.. texts.Select(Pattern)];
    }

    /// <summary>.NET's own messages: data annotations' defaults, and MVC's model binding and HTML generation messages.</summary>
    private static List<Regex> FrameworkDefaults()
    {
        var texts = new List<string>();
        void From(System.Reflection.Assembly assembly, string baseName, Func<string, bool> keys)
        {
            var set = new ResourceManager(baseName, assembly).GetResourceSet(CultureInfo.InvariantCulture, true, true)
                ?? throw new InvalidOperationException($"No resources {baseName} in {assembly.GetName().Name}.");
            texts.AddRange(set.Cast<DictionaryEntry>().Where(e => keys((string)e.Key) && e.Value is string).Select(e => (string)e.Value!));
        }
        From(typeof(System.ComponentModel.DataAnnotations.RequiredAttribute).Assembly, "FxResources.System.ComponentModel.Annotations.SR",
            key => key.EndsWith("ValidationError", StringComparison.Ordinal) || key.Contains("_ValidationError", StringComparison.Ordinal) || key.Contains("Invalid", StringComparison.Ordinal));
        From(typeof(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary).Assembly, "Microsoft.AspNetCore.Mvc.Abstractions.Resources", _ => true);
        From(typeof(Microsoft.AspNetCore.Mvc.ControllerBase).Assembly, "Microsoft.AspNetCore.Mvc.Core.Resources",
            key => key.StartsWith("ModelBinding_", StringComparison.Ordinal) || key.StartsWith("ModelState_", StringComparison.Ordinal)
                || key.StartsWith("HtmlGeneration_Value", StringComparison.Ordinal));
        From(typeof(Microsoft.AspNetCore.Mvc.ViewFeatures.HtmlHelper).Assembly, "Microsoft.AspNetCore.Mvc.ViewFeatures.Resources",
            key => key.StartsWith("HtmlGeneration_Value", StringComparison.Ordinal));
        // A text that opens with its placeholder ("{0} is not valid.") would match any sentence ending the same way,
        // the app's own included: only those that say something of their own first are kept.
        return [.. texts.Where(t => !t.StartsWith('{') && (t.Contains('{', StringComparison.Ordinal) || t.EndsWith('.'))).Select(Pattern)];
    }

    private static Regex Pattern(string text) =>
        new("^" + Placeholder().Replace(Regex.Escape(Normalize(text)), ".+") + "$", RegexOptions.Singleline);

    private static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    // Regex.Escape turns "{0}" into "\{0}".
    [GeneratedRegex(@"\\\{\d+(:[^}]*)?}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("^data-val-[a-z]+$")]
    private static partial Regex MessageAttribute();

    private sealed class Messages
    {
        public List<(string Text, string Where)> All { get; } = [];

        public int Count => All.Count;

        public void Collect(IDocument page, string where)
        {
            var elements = page.QuerySelectorAll(
                ".validation-summary-errors li, .validation-summary-errors p, [data-valmsg-summary] li, .field-validation-error, [data-valmsg-for], .invalid-feedback");
            foreach (var element in elements)
            {
                Add(element.TextContent, where);
            }
            foreach (var element in page.QuerySelectorAll("[data-val='true']"))
            {
                foreach (var attribute in element.Attributes.Where(a => MessageAttribute().IsMatch(a.Name)))
                {
                    Add(attribute.Value, $"{where}, {attribute.Name} of {element.GetAttribute("name")}");
                }
            }
        }

        private void Add(string text, string where)
        {
            text = Normalize(text);
            if (text.Length > 0)
            {
                All.Add((text, where));
            }
        }

        public override string ToString() => string.Join("\n", All.Select(m => $"{m.Text} ({m.Where})").Distinct());
    }
}
