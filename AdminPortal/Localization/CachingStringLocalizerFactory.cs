using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AdminPortal.Localization;

/// <summary>
/// The resource-file localizers, each text looked up once per language. <see cref="ResourceManagerStringLocalizer"/>
/// searches the resources on every call (and English, the keys themselves, finds nothing after searching), which was
/// about a tenth of what a user-list page allocated; the resources never change while the app runs. Texts made with
/// arguments are formatted from the cached text as the inner localizer does.
/// </summary>
public sealed class CachingStringLocalizerFactory(IOptions<LocalizationOptions> options, ILoggerFactory loggerFactory)
    : IStringLocalizerFactory
{
    private readonly ResourceManagerStringLocalizerFactory _inner = new(options, loggerFactory);
    private readonly ConcurrentDictionary<Type, IStringLocalizer> _byType = new();
    private readonly ConcurrentDictionary<(string, string), IStringLocalizer> _byName = new();

    public IStringLocalizer Create(Type resourceSource) =>
        _byType.GetOrAdd(resourceSource, type => new CachingStringLocalizer(_inner.Create(type)));

    public IStringLocalizer Create(string baseName, string location) =>
        _byName.GetOrAdd((baseName, location), key => new CachingStringLocalizer(_inner.Create(key.Item1, key.Item2)));

    internal sealed class CachingStringLocalizer(IStringLocalizer inner) : IStringLocalizer
    {
        /// <summary>
        /// A bound on the texts kept: every name the app looks up is a literal or one of a few known codes, but should one
        /// ever come from a request, the cache must not grow with it.
        /// </summary>
        internal const int MaxEntries = 20_000;

        private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> _texts = new();

        public LocalizedString this[string name]
        {
            get
            {
                var key = (CultureInfo.CurrentUICulture.Name, name);
                if (_texts.TryGetValue(key, out var text))
                {
                    return text;
                }
                text = inner[name];
                if (_texts.Count < MaxEntries)
                {
                    _texts.TryAdd(key, text);
                }
                return text;
            }
        }

        public LocalizedString this[string name, params object[] arguments]
        {
            get
            {
                var format = this[name];
                return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments),
                    format.ResourceNotFound, format.SearchedLocation);
            }
        }

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
    }
}
