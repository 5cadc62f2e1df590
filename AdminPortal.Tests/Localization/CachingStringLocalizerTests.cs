using System.Globalization;
using AdminPortal.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AdminPortal.Tests.Localization;

/// <summary>The localizers keep each text once per language: a cached text never answers in another language.</summary>
public sealed class CachingStringLocalizerTests
{
    private static IStringLocalizer Localizer() =>
        new CachingStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance)
            .Create(typeof(SharedResource));

    [Fact]
    public void A_text_answers_in_the_language_of_each_lookup_however_often_it_was_read()
    {
        var localizer = Localizer();
        var texts = new List<string>();
        foreach (var language in new[] { "es", "en", "es", "en" })
        {
            using var _ = new CultureScope(language);
            texts.Add(localizer["Users"].Value);
        }
        Assert.Equal(["Usuarios", "Users", "Usuarios", "Users"], texts);
    }

    [Fact]
    public void A_text_with_arguments_is_formatted_from_its_language_and_numbers_in_its_culture()
    {
        var localizer = Localizer();
        using (new CultureScope("es"))
        {
            Assert.Equal("Cuentas 1–10 de 12.345", localizer["Showing {0}–{1} of {2} accounts", 1, 10, 12345.ToString("N0")].Value);
        }
        using (new CultureScope("en"))
        {
            var text = localizer["Showing {0}–{1} of {2} accounts", 1, 10, 12345.ToString("N0")];
            Assert.Equal("Showing 1–10 of 12,345 accounts", text.Value);
            Assert.True(text.ResourceNotFound); // English is the key itself
        }
    }

    [Fact]
    public void The_cache_stops_growing_at_its_bound_and_later_texts_are_still_right()
    {
        var localizer = Localizer();
        using var _ = new CultureScope("es");
        for (var i = 0; i < CachingStringLocalizerFactory.CachingStringLocalizer.MaxEntries + 10; i++)
        {
            Assert.Equal($"unknown text {i}", localizer[$"unknown text {i}"].Value);
        }
        Assert.Equal("Usuarios", localizer["Users"].Value);
    }

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture, _uiCulture = CultureInfo.CurrentUICulture;

        public CultureScope(string name) => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }
}
