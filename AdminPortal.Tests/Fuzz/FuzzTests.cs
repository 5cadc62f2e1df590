using System.Globalization;
using System.Net;
using System.Text;
using AdminPortal.PasswordReset;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.Tests.PasswordReset;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Fuzz;

/// <summary>
/// Every form and every query parameter of the list, audit log, its CSV export and the suggest endpoint, fed each
/// value of hostile-values.txt (the corpus grows there): never a 500, never a stack trace, nothing reflected
/// unescaped, and a refused form keeps what was typed (passwords excepted). One app for the class, signed in once.
/// </summary>
public sealed class FuzzTests(FuzzTests.App app) : IClassFixture<FuzzTests.App>
{
    public sealed class App : AppFactory
    {
        private HttpBrowser? _root;

        /// <summary>The corpus: (what is sent, percent-encoded) and (what the app should see, or null for raw bytes).</summary>
        public static readonly IReadOnlyList<(string Encoded, string? Value)> Corpus = LoadCorpus();

        public int TargetId { get; private set; }

        public async Task<HttpBrowser> RootAsync()
        {
            if (_root is null)
            {
                TargetId = (await CreateUserAsync("fuzz.target")).Id;
                // Step 1 of the reset wizard waits as long as a send would; no email goes out here, so no wait.
                Services.GetRequiredService<SendDurationEqualizer>().Record(TimeSpan.Zero);
                _root = await SignedInAsRootAsync();
            }
            return _root;
        }

        private static List<(string, string?)> LoadCorpus()
        {
            var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fuzz", "hostile-values.txt"), Encoding.UTF8);
            var corpus = new List<(string, string?)>();
            foreach (var line in lines.Where(l => l.Length > 0 && !l.StartsWith('#')))
            {
                if (line.StartsWith("raw:", StringComparison.Ordinal))
                {
                    corpus.Add((line["raw:".Length..], null));
                    continue;
                }
                var value = line.StartsWith("repeat:", StringComparison.Ordinal)
                    ? string.Concat(Enumerable.Repeat(line.Split(':', 3)[2], int.Parse(line.Split(':', 3)[1], CultureInfo.InvariantCulture)))
                    : Unescape(line);
                corpus.Add((HttpBrowser.Encode(value), value));
            }
            Assert.True(corpus.Count >= 100, $"The corpus has {corpus.Count} values; at least 100 are expected.");
            return corpus;
        }

        private static string Unescape(string line)
        {
            var text = new StringBuilder();
            for (var i = 0; i < line.Length; i++)
            {
                if (line[i] != '\\' || i + 1 == line.Length)
                {
                    text.Append(line[i]);
                    continue;
                }
                var next = line[++i];
                switch (next)
                {
                    case '0': text.Append('\0'); break;
                    case 'n': text.Append('\n'); break;
                    case 'r': text.Append('\r'); break;
                    case 't': text.Append('\t'); break;
                    case 'u':
                        text.Append((char)int.Parse(line.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        i += 4;
                        break;
                    default: text.Append(next); break;
                }
            }
            return text.ToString();
        }
    }

    private static int _nextAddress;

    /// <summary>Each request from an address of its own, so the per-address rate limits of sign-in and reset stay out of the way.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpBrowser browser, HttpRequestMessage request)
    {
        var n = Interlocked.Increment(ref _nextAddress);
        browser.Client.DefaultRequestHeaders.Remove(AppFactory.ClientAddressHeader);
        request.Headers.Add(AppFactory.ClientAddressHeader, $"10.{100 + n / 62500 % 100}.{n / 250 % 250}.{n % 250 + 1}");
        return await browser.Client.SendAsync(request);
    }

    private static async Task<string> CheckAsync(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode != HttpStatusCode.InternalServerError, $"{what} answered 500");
        Assert.False(body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception", StringComparison.Ordinal),
            $"{what} shows a stack trace");
        foreach (var raw in new[] { "<script>alert(", "<img src=x", "<svg/onload" })
        {
            Assert.False(body.Contains(raw, StringComparison.OrdinalIgnoreCase), $"{what} reflects {raw} unescaped");
        }
        return body;
    }

    public static TheoryData<string, bool> Forms => new()
    {
        { "/Identity/Account/Login", false },
        { "/Identity/Account/ForgotPassword", false },
        { "/Identity/Account/ForgotPasswordCode", false },
        { "/Users/Create", true },
        { "/Users/Edit/{id}", true },
        { "/Users/SetPassword/{id}", true },
        { "/Users/Details/{id}?confirm=disable", true },
        { "/Identity/Account/Manage/ChangePassword", true },
        { "/Identity/Account/Manage/Email", true },
        { "/Identity/Account/Manage/Theme", true },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task Every_form_takes_every_hostile_value(string formUrl, bool signedIn)
    {
        var root = await app.RootAsync();
        using var anonymous = app.CreateBrowser();
        var browser = signedIn ? root : anonymous;
        if (formUrl.EndsWith("Code", StringComparison.Ordinal))
        {
            await anonymous.RequestCodeAsync("fuzz.target@example.com"); // step 2 needs step 1
        }
        var url = formUrl.Replace("{id}", app.TargetId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var page = await browser.GetPageAsync(url);
        var form = (IHtmlFormElement)(page.QuerySelector("#confirm form") ?? page.QuerySelector("main form[method=post]"))!;
        var target = form.Action;
        var fields = HttpBrowser.FieldsOf(form);
        var token = fields.Single(f => f.Key == "__RequestVerificationToken");
        var names = fields.Select(f => f.Key).Where(k => k != token.Key).Distinct().DefaultIfEmpty("returnUrl").ToList();

        foreach (var (encoded, value) in App.Corpus)
        {
            var body = HttpBrowser.FormBody([token]) + string.Concat(names.Select(n => "&" + HttpBrowser.Encode(n) + "=" + encoded));
            var request = new HttpRequestMessage(HttpMethod.Post, target)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
            };
            var response = await SendAsync(browser, request);
            var html = await CheckAsync(response, $"POST {url} with {Shown(value ?? encoded)}");
            if (response.StatusCode == HttpStatusCode.OK && value is not null && response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                AssertKept(await HttpBrowser.ParseAsync(response), names, value, $"POST {url} with {Shown(value)}");
            }
        }
        foreach (var (encoded, value) in App.Corpus.Take(40))
        {
            var request = new HttpRequestMessage(HttpMethod.Post, target + (target.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + encoded)
            {
                Content = new StringContent(HttpBrowser.FormBody(fields), Encoding.UTF8, "application/x-www-form-urlencoded"),
            };
            await CheckAsync(await SendAsync(browser, request), $"POST {url} with handler {Shown(value ?? encoded)}");
        }
    }

    /// <summary>Each text field the refused form shows again holds the value as typed (what HTML can carry of it).</summary>
    private static void AssertKept(IHtmlDocument page, IEnumerable<string> names, string value, string what)
    {
        if (value.Any(c => c is >= '\u0080' and <= '\u009F'))
        {
            return; // HTML reads &#x80;–&#x9F; as Windows-1252 (U+0085 as U+2026): it cannot carry them
        }
        var expected = Normalized(value);
        foreach (var name in names)
        {
            if (page.QuerySelector($"main input[name='{name}']") is IHtmlInputElement { Type: "text" or "email" } input)
            {
                var shown = Normalized(input.GetAttribute("value") ?? "");
                Assert.True(shown == expected, $"{what}: {name} was not kept: {Shown(shown)}");
            }
        }
    }

    // HTML cannot carry a NUL (it reads as U+FFFD) and the server decodes a lone surrogate as U+FFFD.
    private static string Normalized(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text.ToCharArray());
        return Encoding.UTF8.GetString(bytes).Replace('\0', '\uFFFD');
    }

    private static string Shown(string value) =>
        value.Length > 40 ? $"{value.Length} characters starting {Uri.EscapeDataString(value[..10])}" : Uri.EscapeDataString(Normalized(value));

    public static TheoryData<string, string> Parameters => new()
    {
        { "/Users", "q" }, { "/Users", "role" }, { "/Users", "status" }, { "/Users", "sort" }, { "/Users", "page" }, { "/Users", "size" },
        { "/Audit", "actor" }, { "/Audit", "action" }, { "/Audit", "target" }, { "/Audit", "from" }, { "/Audit", "to" }, { "/Audit", "page" },
        { "/Audit?handler=Export", "actor" }, { "/Audit?handler=Export", "action" }, { "/Audit?handler=Export", "target" },
        { "/Audit?handler=Export", "from" }, { "/Audit?handler=Export", "to" },
        { "/api/users/suggest", "q" },
    };

    [Theory]
    [MemberData(nameof(Parameters))]
    public async Task Every_query_parameter_takes_every_hostile_value(string path, string parameter)
    {
        var root = await app.RootAsync();
        var separator = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        var (lastEncoded, _) = App.Corpus[^1];
        foreach (var (encoded, value) in App.Corpus)
        {
            // Alone, and duplicated with another value.
            foreach (var query in new[] { $"{parameter}={encoded}", $"{parameter}={encoded}&{parameter}={lastEncoded}" })
            {
                var url = path + separator + query;
                var response = await SendAsync(root, new HttpRequestMessage(HttpMethod.Get, url));
                await CheckAsync(response, $"GET {path} {parameter}={Shown(value ?? encoded)}");
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest,
                    $"GET {path} {parameter}={Shown(value ?? encoded)} answered {(int)response.StatusCode}");
            }
        }
    }
}
