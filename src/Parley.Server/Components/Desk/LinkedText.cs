using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Parley.Server.Components.Desk;

/// <summary>
/// A message's text with its http(s) links clickable (<see cref="Linkifier"/>), opened in a new tab without the
/// desk as opener or referrer. Built as text and element nodes, never as markup: the text stays text.
/// </summary>
public sealed class LinkedText : ComponentBase
{
    [Parameter, EditorRequired] public string Text { get; set; } = "";

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        // Fixed sequence numbers per kind of node, as Blazor wants for loops.
        foreach (var part in Linkifier.Split(Text))
        {
            if (part.Href is null)
            {
                builder.AddContent(0, part.Text);
                continue;
            }

            builder.OpenElement(1, "a");
            builder.AddAttribute(2, "href", part.Href);
            builder.AddAttribute(3, "target", "_blank");
            builder.AddAttribute(4, "rel", "noopener noreferrer");
            builder.AddAttribute(5, "data-part", "message-link");
            builder.AddContent(6, part.Text);
            builder.CloseElement();
        }
    }
}
