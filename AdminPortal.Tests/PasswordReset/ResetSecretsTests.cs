using AdminPortal.PasswordReset;

namespace AdminPortal.Tests.PasswordReset;

public sealed class ResetSecretsTests
{
    [Fact]
    public void Codes_are_six_digits()
    {
        for (var i = 0; i < 200; i++)
        {
            Assert.Matches("^[0-9]{6}$", ResetSecrets.NewCode());
        }
    }

    [Fact]
    public void The_same_code_hashes_differently_on_every_row()
    {
        var first = ResetSecrets.HashCode(7, "123456");
        var second = ResetSecrets.HashCode(7, "123456");
        Assert.NotEqual(first, second);
        Assert.True(ResetSecrets.CodeMatches(first, 7, "123456"));
        Assert.True(ResetSecrets.CodeMatches(second, 7, "123456"));
    }

    [Fact]
    public void Another_code_or_another_account_does_not_match()
    {
        var hash = ResetSecrets.HashCode(7, "123456");
        Assert.False(ResetSecrets.CodeMatches(hash, 7, "123457"));
        Assert.False(ResetSecrets.CodeMatches(hash, 8, "123456"));
        Assert.False(ResetSecrets.CodeMatches("123456", 7, "123456"));
    }

    [Fact]
    public void Grants_are_unguessable_and_stored_as_a_hash()
    {
        var grant = ResetSecrets.NewGrant();
        Assert.True(grant.Length >= 43);
        Assert.NotEqual(grant, ResetSecrets.NewGrant());
        Assert.Equal(ResetSecrets.HashGrant(grant), ResetSecrets.HashGrant(grant));
        Assert.DoesNotContain(grant, ResetSecrets.HashGrant(grant), StringComparison.Ordinal);
    }
}
