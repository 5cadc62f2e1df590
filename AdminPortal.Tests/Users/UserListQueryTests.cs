using AdminPortal.Data;
using AdminPortal.Users;

namespace AdminPortal.Tests.Users;

public sealed class UserListQueryTests
{
    [Theory]
    [InlineData(null, 10)]
    [InlineData("", 10)]
    [InlineData("abc", 10)]
    [InlineData("-5", 10)]
    [InlineData("0", 10)]
    [InlineData("10", 10)]
    [InlineData("25", 25)]
    [InlineData("30", 25)]
    [InlineData("100", 100)]
    [InlineData("1000", 100)]
    [InlineData("99999999999999", 10)]
    public void The_page_size_is_one_of_the_choices(string? size, int expected) =>
        Assert.Equal(expected, UserListQuery.From(null, null, null, null, null, size).Size);

    [Theory]
    [InlineData(null, 1)]
    [InlineData("x", 1)]
    [InlineData("0", 1)]
    [InlineData("-1", 1)]
    [InlineData("7", 7)]
    public void A_malformed_page_is_the_first(string? page, int expected) =>
        Assert.Equal(expected, UserListQuery.From(null, null, null, null, page, null).Page);

    [Theory]
    [InlineData("email_desc", "email_desc")]
    [InlineData("created", "created")]
    [InlineData("password", "name")]
    [InlineData("_desc", "name")]
    [InlineData(null, "name")]
    public void Unknown_sorts_fall_back_to_user_name(string? sort, string expected) =>
        Assert.Equal(expected, UserListQuery.From(null, null, null, sort, null, null).Sort);

    [Fact]
    public void Role_and_status_are_read_ignoring_case_and_unknown_ones_are_ignored()
    {
        var query = UserListQuery.From(null, "VENDOR", "disabled", null, null, null);
        Assert.Equal(Roles.Vendor, query.Role);
        Assert.Equal(AccountStatus.Disabled, query.Status);
        var unknown = UserListQuery.From(null, "wizard", "1", null, null, null);
        Assert.Null(unknown.Role);
        Assert.Null(unknown.Status);
    }

    [Fact]
    public void Route_values_keep_everything_but_defaults()
    {
        var query = UserListQuery.From(" ann ", "admin", "Active", "email_desc", "3", "25");
        var values = query.RouteValues(page: 4);
        Assert.Equal("ann", values["q"]);
        Assert.Equal("admin", values["role"]);
        Assert.Equal("Active", values["status"]);
        Assert.Equal("email_desc", values["sort"]);
        Assert.Equal("4", values["page"]);
        Assert.Equal("25", values["size"]);
        Assert.Null(UserListQuery.From(null, null, null, null, null, null).RouteValues(page: 1)["page"]);
    }

    [Fact]
    public void Search_text_over_the_limit_is_kept_whole_and_flagged_not_cut()
    {
        var tooLong = UserListQuery.From(" " + new string('a', 101) + " ", null, null, null, null, null);
        Assert.Equal(new string('a', 101), tooLong.Q);
        Assert.True(tooLong.SearchTooLong);
        Assert.False(UserListQuery.From(new string('a', 100), null, null, null, null, null).SearchTooLong);
    }

    [Fact]
    public void A_column_header_toggles_its_direction()
    {
        Assert.Equal("email", UserListQuery.From(null, null, null, "name", null, null).SortFor("email"));
        Assert.Equal("email_desc", UserListQuery.From(null, null, null, "email", null, null).SortFor("email"));
        Assert.Equal("email", UserListQuery.From(null, null, null, "email_desc", null, null).SortFor("email"));
    }
}
