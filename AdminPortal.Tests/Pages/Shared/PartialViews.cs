using AdminPortal.Tests.Infrastructure;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Pages.Shared;

/// <summary>The app's shared partial views rendered alone, with the app's own view engine and localizer, as a parsed document.</summary>
public abstract class PartialViewTests(PartialViewTests.App app) : IClassFixture<PartialViewTests.App>
{
    public sealed class App : AppFactory;

    /// <summary>The rendered markup, for MarkupMatches and emptiness checks.</summary>
    protected async Task<string> MarkupAsync(string name, object? model)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var http = new DefaultHttpContext { RequestServices = services };
        var actionContext = new ActionContext(http, new RouteData(), new ActionDescriptor());
        var view = services.GetRequiredService<IRazorViewEngine>()
            .GetView(executingFilePath: null, $"/Pages/Shared/{name}.cshtml", isMainPage: false).EnsureSuccessful(null).View!;
        await using var writer = new StringWriter();
        var viewData = new ViewDataDictionary(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = model };
        var tempData = new TempDataDictionary(http, services.GetRequiredService<ITempDataProvider>());
        await view.RenderAsync(new ViewContext(actionContext, view, viewData, tempData, writer, new HtmlHelperOptions()));
        return writer.ToString();
    }

    protected async Task<IDocument> RenderAsync(string name, object? model) =>
        new HtmlParser().ParseDocument(await MarkupAsync(name, model));
}

/// <summary>bUnit's Find and FindAll over a rendered partial view, so the assertions read as they did on components.</summary>
public static class RenderedDocumentExtensions
{
    public static IElement Find(this IDocument document, string selector) =>
        document.QuerySelector(selector) ?? throw new InvalidOperationException($"Nothing matches '{selector}'.");

    public static IReadOnlyList<IElement> FindAll(this IDocument document, string selector) => [.. document.QuerySelectorAll(selector)];
}
