using AdminPortal.Components.PasswordReset;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Components.PasswordReset;

public sealed class StepIndicatorTests : BunitContext
{
    public StepIndicatorTests()
    {
        Services.AddLocalization();
    }

    [Fact]
    public void The_first_step_is_current_and_nothing_is_done()
    {
        var cut = Render<StepIndicator>(p => p.Add(c => c.Current, 1));
        var steps = cut.FindAll("li");
        Assert.Equal(3, steps.Count);
        Assert.Equal("step", steps[0].GetAttribute("aria-current"));
        Assert.Null(steps[1].GetAttribute("aria-current"));
        Assert.Empty(cut.FindAll(".reset-step-done"));
        Assert.Equal(2, cut.FindAll(".reset-step-todo").Count);
    }

    [Fact]
    public void Earlier_steps_are_marked_done_for_everyone()
    {
        var cut = Render<StepIndicator>(p => p.Add(c => c.Current, 3));
        cut.Find("li:nth-child(1)").MarkupMatches("""
            <li class="reset-step reset-step-done flex-fill">
              <span class="reset-step-number">1</span>
              <span class="reset-step-label">Email</span>
              <span class="visually-hidden">(done)</span>
            </li>
            """);
        Assert.Equal(2, cut.FindAll(".reset-step-done").Count);
        var current = cut.Find("[aria-current=step]");
        Assert.Contains("New password", current.TextContent);
        Assert.Equal("Password reset progress", cut.Find("nav").GetAttribute("aria-label"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void A_step_outside_the_wizard_is_a_programming_error(int step) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Render<StepIndicator>(p => p.Add(c => c.Current, step)));
}
