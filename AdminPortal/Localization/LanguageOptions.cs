using Microsoft.Extensions.Options;

namespace AdminPortal.Localization;

public sealed class LanguageOptions
{
    public const string Section = "AdminPortal";

    /// <summary>The principal's language and the language of visitors whose browser asks for none AdminPortal speaks.</summary>
    public string DefaultLanguage { get; set; } = AppLanguages.English;
}

public sealed class LanguageOptionsValidator : IValidateOptions<LanguageOptions>
{
    public ValidateOptionsResult Validate(string? name, LanguageOptions options) =>
        AppLanguages.TryParse(options.DefaultLanguage, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{LanguageOptions.Section}:DefaultLanguage must be one of {string.Join(", ", AppLanguages.Codes)}; it is '{options.DefaultLanguage}'.");
}
