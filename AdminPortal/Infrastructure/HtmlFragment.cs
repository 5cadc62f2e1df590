using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace AdminPortal.Infrastructure;

/// <summary>
/// A small piece of markup for a cell that repeats on every row of a list (a badge, a time): raw markup and text in
/// turn, the text encoded by the page's encoder as it is written. A partial view per cell cost a view lookup, a view
/// context and a buffer each, four times per row; this costs one object and a few writes.
/// </summary>
public sealed class HtmlFragment : IHtmlContent
{
    private readonly string[] parts;

    /// <param name="parts">Markup at even positions (written as is), text at odd ones (encoded).</param>
    private HtmlFragment(string[] parts) => this.parts = parts;

    public static HtmlFragment Of(params string[] parts) => new(parts);

    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 0)
            {
                writer.Write(parts[i]);
            }
            else
            {
                encoder.Encode(writer, parts[i]);
            }
        }
    }
}
