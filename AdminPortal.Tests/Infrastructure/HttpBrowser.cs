using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>
/// Reads pages and submits their forms as a browser would: the antiforgery token and every other field travel
/// from the parsed page (STYLE.md, after dotnet/AspNetCore.Docs' HttpClientExtensions).
/// </summary>
public sealed class HttpBrowser(HttpClient client) : IDisposable
{
    private static readonly IBrowsingContext Parser = BrowsingContext.New(Configuration.Default);

    public HttpClient Client { get; } = client;

    /// <summary>The cookies the client keeps (from <see cref="AppFactory.CreateBrowser"/>).</summary>
    public CookieContainer? Cookies { get; init; }

    public Task<HttpResponseMessage> GetAsync(string url) => Client.GetAsync(url);

    /// <summary>GETs a page that must answer 200 and parses it.</summary>
    public async Task<IHtmlDocument> GetPageAsync(string url)
    {
        var response = await Client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode} {response.Headers.Location}");
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var document = await Parser.OpenAsync(request => request
            .Content(html)
            .Address(response.RequestMessage!.RequestUri!));
        return (IHtmlDocument)document;
    }

    /// <summary>Fills the named fields of the form (by the field's name attribute) and submits it.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(IHtmlFormElement form, IReadOnlyDictionary<string, string>? values = null,
        IHtmlElement? submitButton = null)
    {
        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            var fields = form.Elements.Where(e => e.GetAttribute("name") == name).ToList();
            Assert.True(fields.Count > 0, $"The form has no field named {name}.");
            foreach (var field in fields)
            {
                switch (field)
                {
                    case IHtmlInputElement { Type: "checkbox" } checkbox:
                        checkbox.IsChecked = value is "true" or "on" || value == checkbox.Value;
                        break;
                    case IHtmlInputElement { Type: "radio" } radio:
                        radio.IsChecked = radio.Value == value;
                        break;
                    case IHtmlInputElement input:
                        input.Value = value;
                        break;
                    case IHtmlSelectElement select:
                        select.Value = value;
                        break;
                    case IHtmlTextAreaElement textArea:
                        textArea.Value = value;
                        break;
                    default:
                        throw new InvalidOperationException($"Cannot fill {field.TagName} {name}.");
                }
            }
        }
        var submission = submitButton is null ? form.GetSubmission() : form.GetSubmission(submitButton);
        Assert.NotNull(submission);
        var request = new HttpRequestMessage(new System.Net.Http.HttpMethod(submission.Method.ToString().ToUpperInvariant()), submission.Target.Href);
        if (submission.Method == AngleSharp.Io.HttpMethod.Post)
        {
            request.Content = new StreamContent(submission.Body);
            foreach (var header in submission.Headers)
            {
                request.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }
        return await Client.SendAsync(request);
    }

    /// <summary>The fields the form would send, in order, as (name, value): hidden ones and the antiforgery token included.</summary>
    public static List<KeyValuePair<string, string>> FieldsOf(IHtmlFormElement form)
    {
        using var reader = new StreamReader(form.GetSubmission()!.Body);
        return [.. Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery("?" + reader.ReadToEnd())
            .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? "")))];
    }

    /// <summary>
    /// POSTs an application/x-www-form-urlencoded body as given, for values no form would send (a checkbox posted as
    /// "yes", bytes that are not UTF-8): <see cref="FormBody"/> builds one from fields.
    /// </summary>
    public Task<HttpResponseMessage> PostBodyAsync(string url, string encodedBody) =>
        Client.PostAsync(url, new StringContent(encodedBody, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

    /// <summary>Fields percent-encoded from UTF-8 (a lone surrogate becomes U+FFFD, as browsers send it).</summary>
    public static string FormBody(IEnumerable<KeyValuePair<string, string>> fields) =>
        string.Join("&", fields.Select(f => Encode(f.Key) + "=" + Encode(f.Value)));

    public static string Encode(string value) =>
        System.Web.HttpUtility.UrlEncode(System.Text.Encoding.UTF8.GetBytes(value.ToCharArray()));

    /// <summary>GETs <paramref name="url"/>, finds the form matching <paramref name="formSelector"/> and submits it.</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string url, IReadOnlyDictionary<string, string>? values = null,
        string formSelector = "main form[method=post]")
    {
        var page = await GetPageAsync(url);
        return await SubmitAsync(FindForm(page, formSelector), values);
    }

    public static IHtmlFormElement FindForm(IDocument page, string selector = "main form[method=post]") =>
        page.QuerySelector(selector) as IHtmlFormElement
        ?? throw new Xunit.Sdk.XunitException($"No form matches {selector} on {page.Url}.");

    public async Task<HttpResponseMessage> SignInAsync(string login, string password, bool rememberMe = false) =>
        await SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
        {
            ["Input.Login"] = login,
            ["Input.Password"] = password,
            ["Input.RememberMe"] = rememberMe ? "true" : "false",
        });

    /// <summary>Follows one redirect (302/303) with a GET and parses what it leads to.</summary>
    public async Task<IHtmlDocument> FollowAsync(HttpResponseMessage redirect)
    {
        Assert.True(redirect.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found,
            $"Expected a redirect, got {(int)redirect.StatusCode}: {await redirect.Content.ReadAsStringAsync()}");
        return await GetPageAsync(redirect.Headers.Location!.ToString());
    }

    public void Dispose() => Client.Dispose();
}

public static class DocumentExtensions
{
    /// <summary>The messages shown at a field (asp-validation-for) or in the summary.</summary>
    public static string FieldError(this IDocument page, string fieldName) =>
        page.QuerySelector($"[data-valmsg-for='{fieldName}']")?.TextContent.Trim() ?? "";

    public static string Summary(this IDocument page) =>
        page.QuerySelector("[data-valmsg-summary], .validation-summary-errors")?.TextContent.Trim() ?? "";

    public static string StatusMessage(this IDocument page) =>
        page.QuerySelector("main .alert")?.TextContent.Trim() ?? "";

    public static string? FieldValue(this IDocument page, string fieldName) =>
        (page.QuerySelector($"[name='{fieldName}']") as IHtmlInputElement)?.Value;
}
