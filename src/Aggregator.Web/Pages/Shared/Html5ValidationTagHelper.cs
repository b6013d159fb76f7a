using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Aggregator.Pages.Shared;

/// <summary>
/// Gives an <c>asp-for</c> input the browser's own checks from the same annotations the server binds with: required,
/// min and max, maxlength, pattern. So a form states each rule once (on its input model) and both sides apply it,
/// with no script.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
public sealed class Html5ValidationTagHelper : TagHelper
{
    [HtmlAttributeName("asp-for")] public ModelExpression For { get; set; } = null!;

    /// <summary>After the framework's input tag helper, which writes name, id, type and value.</summary>
    public override int Order => 1_000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        foreach (var rule in For.Metadata.ValidatorMetadata)
        {
            switch (rule)
            {
                case RequiredAttribute:
                    output.Attributes.SetAttribute("required", "required");
                    break;
                case RangeAttribute range:
                    output.Attributes.SetAttribute("min", Convert.ToString(range.Minimum, System.Globalization.CultureInfo.InvariantCulture));
                    output.Attributes.SetAttribute("max", Convert.ToString(range.Maximum, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case StringLengthAttribute length:
                    output.Attributes.SetAttribute("maxlength", length.MaximumLength);
                    break;
                case RegularExpressionAttribute expression:
                    // HTML patterns match the whole value already.
                    output.Attributes.SetAttribute("pattern", expression.Pattern.TrimStart('^').TrimEnd('$'));
                    break;
            }
        }
    }
}
