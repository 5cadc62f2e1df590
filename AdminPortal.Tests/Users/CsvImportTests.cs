using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Users;

/// <summary>The CSV import through HTTP: upload with the page's antiforgery token, dry-run preview, one confirming POST.</summary>
public sealed class CsvImportTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync()
    {
        await _app.CreateUserAsync("boss", Roles.Admin, "boss-password");
        await _app.CreateUserAsync("clerk", Roles.Employee, "clerk-password");
        await _app.CreateUserAsync("taken", Roles.Employee);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Uploads <paramref name="file"/> through the page's form, as a browser does (multipart, the token from the page).</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpBrowser browser, byte[] file, string fileName = "people.csv")
    {
        var page = await browser.GetPageAsync("/Users/Import");
        var form = HttpBrowser.FindForm(page, "form#upload");
        Assert.Equal("multipart/form-data", form.Enctype);
        var token = ((IHtmlInputElement)form.QuerySelector("input[name='__RequestVerificationToken']")!).Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var fileContent = new ByteArrayContent(file);
        fileContent.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(fileContent, "file", fileName);
        return await browser.Client.PostAsync(form.Action, content);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private Task<int> AccountCountAsync() => _app.WithDbAsync(db => db.Users.CountAsync());

    private const string ThreeGoodTwoBad =
        "UserName,Email,DisplayName,Role,Language\r\n" +
        "ann.lee,ann@example.com,Ann Lee,employee,es\r\n" +
        "bo,bo@example.com,Bo,vendor,\r\n" +                      // user name too short
        "carl,carl@example.com,Carl Díaz,Admin,\r\n" +
        "taken,someone@example.com,Someone,employee,en\r\n" +   // duplicate of an account
        "dora,dora@example.com,\"Dora, the \"\"boss\"\"\",vendor,en\r\n";

    [Fact]
    public async Task An_import_with_three_good_and_two_bad_rows_previews_each_row_and_creates_exactly_the_three()
    {
        using var boss = await _app.SignedInBrowserAsync("boss", "boss-password");
        var before = await AccountCountAsync();

        var preview = await HttpBrowser.ParseAsync(await UploadAsync(boss, Utf8(ThreeGoodTwoBad)));

        var rows = preview.QuerySelectorAll("#preview tbody tr").ToDictionary(r => r.Children[1].TextContent, r => r);
        Assert.Equal("New", rows["ann.lee"].GetAttribute("data-outcome"));
        Assert.Equal("Invalid", rows["bo"].GetAttribute("data-outcome"));
        Assert.Contains("User name: The user name must be 3–30 characters.", rows["bo"].TextContent);
        Assert.Equal("New", rows["carl"].GetAttribute("data-outcome"));
        Assert.Equal("Duplicate", rows["taken"].GetAttribute("data-outcome"));
        Assert.Contains("This user name is already taken.", rows["taken"].TextContent);
        Assert.Equal("New", rows["dora"].GetAttribute("data-outcome"));
        Assert.Equal("Dora, the \"boss\"", rows["dora"].Children[3].TextContent);
        Assert.Contains("Rows: 5 · new: 3 · duplicates: 1 · invalid: 1", preview.QuerySelector("#preview-summary")!.TextContent);
        Assert.Equal(before, await AccountCountAsync()); // the preview writes nothing
        Assert.False(await _app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.UserCreate)));

        var confirmed = await boss.SubmitAsync(HttpBrowser.FindForm(preview, "form#confirm"));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var result = await boss.FollowAsync(confirmed);

        Assert.Contains("Created and invited: 3", result.QuerySelector("#created")!.TextContent);
        Assert.Contains("Not imported (duplicates or invalid in the preview): 2", result.QuerySelector("#skipped")!.TextContent);
        Assert.Equal(before + 3, await AccountCountAsync());
        var created = await _app.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.CreatedAt >= DateTime.MinValue && u.Status == AccountStatus.Invited)
            .ToDictionaryAsync(u => u.UserName!));
        Assert.Equal(["ann.lee", "carl", "dora"], created.Keys.Order());
        Assert.Equal(("es", Roles.Employee), (created["ann.lee"].Language, created["ann.lee"].Role));
        Assert.Equal(Roles.Admin, created["carl"].Role);
        Assert.Equal("Dora, the \"boss\"", created["dora"].DisplayName);
        Assert.Equal(3, await _app.WithDbAsync(db => db.Invitations.CountAsync()));

        // One creation entry per account (with its invitation's), all with the batch the result page links to.
        var batch = await _app.WithDbAsync(db => db.AuditEntries.Where(e => e.BatchId != null).ToListAsync());
        Assert.Single(batch.Select(e => e.BatchId).Distinct());
        Assert.Equal(3, batch.Count(e => e.Action == AuditActions.UserCreate && e.Succeeded));
        Assert.Equal(3, batch.Count(e => e.Action == AuditActions.UserInvitationSend));
        Assert.Equal(6, batch.Count);
        Assert.EndsWith(batch[0].BatchId!, result.QuerySelector("#batch-link")!.GetAttribute("href"));

        // The same confirmation again (a double click, a replay) creates nothing more: every row is judged again.
        var again = await HttpBrowser.ParseAsync(await boss.SubmitAsync(HttpBrowser.FindForm(preview, "form#confirm")));
        Assert.Contains("No row of this file can be imported now.", again.Summary());
        Assert.Equal(before + 3, await AccountCountAsync());
    }

    [Fact]
    public async Task Duplicates_within_the_file_are_reported_against_the_earlier_line()
    {
        using var boss = await _app.SignedInBrowserAsync("boss", "boss-password");
        var preview = await HttpBrowser.ParseAsync(await UploadAsync(boss, Utf8(
            "Email;UserName;Role;DisplayName\n" +
            "eve@example.com;eve;employee;Eve\n" +
            "EVE@example.com;eve2;employee;Eve again\n" +
            "x@example.com;EVE;employee;Eve thrice\n" +
            "y@example.com;yves;root;Yves\n")));

        var rows = preview.QuerySelectorAll("#preview tbody tr").ToList();
        Assert.Equal(["New", "Duplicate", "Duplicate", "Invalid"], rows.Select(r => r.GetAttribute("data-outcome")));
        Assert.Contains("The same email as line 2.", rows[1].TextContent);
        Assert.Contains("The same user name as line 2.", rows[2].TextContent);
        Assert.Contains("Choose a role", rows[3].TextContent);
    }

    public static TheoryData<string, byte[], string> RefusedFiles => new()
    {
        { "wrong header", Encoding.UTF8.GetBytes("name,mail,shown,role\r\nann,ann@example.com,Ann,employee\r\n"), "The first line must name the columns UserName, Email, DisplayName, Role" },
        { "Latin-1 bytes", [.. Encoding.ASCII.GetBytes("UserName,Email,DisplayName,Role\r\nnina,nina@example.com,Ni"), 0xF1, .. Encoding.ASCII.GetBytes("a,employee\r\n")], "The file is not UTF-8 text." },
        { "UTF-16", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("UserName,Email,DisplayName,Role\r\n")).ToArray(), "The file is not UTF-8 text." },
        { "empty", [], "The file is empty." },
        { "blank", Encoding.UTF8.GetBytes("\uFEFF \r\n\r\n"), "The file is empty." },
        { "header only", Encoding.UTF8.GetBytes("UserName,Email,DisplayName,Role\r\n"), "The file has a header but no rows." },
        { "unclosed quote", Encoding.UTF8.GetBytes("UserName,Email,DisplayName,Role\r\nann,ann@example.com,\"Ann,employee\r\n"), "The file is not valid CSV" },
        { "too many rows", Encoding.UTF8.GetBytes("UserName,Email,DisplayName,Role\n" + string.Concat(Enumerable.Range(0, 1001).Select(i => $"u{i:D4},u{i}@example.com,U,employee\n"))), "The file has more than 1,000 rows." },
        { "over 1 MB", Encoding.UTF8.GetBytes("UserName,Email,DisplayName,Role\n" + new string('x', 1024 * 1024)), "The file is larger than 1 MB." },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task A_refused_file_is_a_message_at_the_file_field_and_creates_nothing(string what, byte[] file, string message)
    {
        using var boss = await _app.SignedInBrowserAsync("boss", "boss-password");
        var before = await AccountCountAsync();

        var response = await UploadAsync(boss, file);

        Assert.True(response.StatusCode == HttpStatusCode.OK, what);
        var page = await HttpBrowser.ParseAsync(response);
        Assert.Contains(message, page.FieldError("file"));
        Assert.Null(page.QuerySelector("#preview"));
        Assert.Null(page.QuerySelector("form#confirm"));
        Assert.Equal(before, await AccountCountAsync());
    }

    [Fact]
    public async Task A_100_MB_upload_is_refused_with_a_message_before_it_is_read()
    {
        using var boss = await _app.SignedInBrowserAsync("boss", "boss-password");
        var page = await boss.GetPageAsync("/Users/Import");
        var token = ((IHtmlInputElement)page.QuerySelector("form#upload input[name='__RequestVerificationToken']")!).Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StreamContent(new ZeroStream(100L * 1024 * 1024)), "file", "huge.csv" },
        };

        var response = await boss.Client.PostAsync(HttpBrowser.FindForm(page, "form#upload").Action, content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Users/Import", response.Headers.Location!.OriginalString);
        Assert.Contains("The file is larger than 1 MB.", (await boss.FollowAsync(response)).StatusMessage());
        Assert.Equal(3 + 1, await AccountCountAsync());
    }

    [Fact]
    public async Task A_confirmation_that_was_not_sealed_by_the_server_creates_nothing()
    {
        using var boss = await _app.SignedInBrowserAsync("boss", "boss-password");
        var preview = await HttpBrowser.ParseAsync(await UploadAsync(boss, Utf8(ThreeGoodTwoBad)));
        var before = await AccountCountAsync();

        var forged = await HttpBrowser.ParseAsync(await boss.SubmitAsync(HttpBrowser.FindForm(preview, "form#confirm"),
            new Dictionary<string, string> { ["sealed"] = "not-a-sealed-file" }));
        Assert.Contains("This preview has expired or is not valid.", forged.Summary());

        // Another administrator cannot replay it, and it dies after its lifetime.
        await _app.CreateUserAsync("other", Roles.Admin, "other-password");
        using var other = await _app.SignedInBrowserAsync("other", "other-password");
        var sealedFile = ((IHtmlInputElement)HttpBrowser.FindForm(preview, "form#confirm").QuerySelector("input[name='sealed']")!).Value;
        var otherPage = await other.GetPageAsync("/Users/Import");
        var stolen = await HttpBrowser.ParseAsync(await other.Client.PostAsync("/Users/Import?handler=Confirm", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", ((IHtmlInputElement)otherPage.QuerySelector("input[name='__RequestVerificationToken']")!).Value),
            new("sealed", sealedFile),
        ])));
        Assert.Contains("This preview has expired or is not valid.", stolen.Summary());
        _app.Clock.Advance(TimeSpan.FromHours(2));
        var late = await HttpBrowser.ParseAsync(await boss.SubmitAsync(HttpBrowser.FindForm(preview, "form#confirm")));
        Assert.Contains("This preview has expired or is not valid.", late.Summary());
        Assert.Equal(before + 1, await AccountCountAsync()); // only "other", created here
    }

    [Fact]
    public async Task Only_administrators_import()
    {
        using var clerk = await _app.SignedInBrowserAsync("clerk", "clerk-password");
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/Users/Import")).StatusCode);
        using var content = new MultipartFormDataContent { { new ByteArrayContent(Utf8(ThreeGoodTwoBad)), "file", "people.csv" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.Client.PostAsync("/Users/Import?handler=Preview", content)).StatusCode);
        using var boss = await _app.SignedInBrowserAsync("boss", "boss-password");
        Assert.Contains("/Users/Import", (await boss.GetPageAsync("/Users")).QuerySelector("#import-csv")!.GetAttribute("href"));
    }

    /// <summary>A stream of zeros of a given length, made as it is read.</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        private long _position;
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => _position = value; }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, n);
            _position += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
