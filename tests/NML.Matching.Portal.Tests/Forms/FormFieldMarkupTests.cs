using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using FluentValidation.Results;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NML.Matching.Api.Portal.Forms;

namespace NML.Matching.Portal.Tests.Forms;

/// <summary>
/// The portal's form components rendered by Blazor's own HtmlRenderer and read back as HTML: the NL Design System
/// form-field markup (label, description, error message, aria-describedby, aria-invalid) and the error summary whose
/// links lead to the fields, fed with FluentValidation failures as the mediator's validation behaviour throws them.
/// </summary>
public sealed class FormFieldMarkupTests
{
    [Fact]
    public async Task ARefusedFieldIsInvalidAndDescribedByItsErrorMessage()
    {
        var errors = FormErrors.From([new ValidationFailure("Email", "Vul een geldig e-mailadres in.")], fallbackField: "formulier");

        var html = await RenderAsync<FormFieldTextbox>(new()
        {
            [nameof(FormFieldTextbox.Field)] = "Email",
            [nameof(FormFieldTextbox.Name)] = "Input.Email",
            [nameof(FormFieldTextbox.Label)] = "E-mailadres",
            [nameof(FormFieldTextbox.Description)] = "Het adres uit uw uitnodiging.",
            [nameof(FormFieldTextbox.Value)] = "niet-een-adres",
            [nameof(FormFieldTextbox.Type)] = "email",
            [nameof(FormFieldTextbox.Errors)] = errors,
        });

        var input = Single(html, "input");
        Assert.Equal("Input.Email", input.GetAttribute("name"));
        Assert.Equal("niet-een-adres", input.GetAttribute("value"));
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        var describedBy = input.GetAttribute("aria-describedby")!.Split(' ');
        Assert.Equal(2, describedBy.Length);
        Assert.Equal("Het adres uit uw uitnodiging.", Single(html, $"#{describedBy[0]}").TextContent.Trim());
        var error = Single(html, $"#{describedBy[1]}");
        Assert.Equal("Vul een geldig e-mailadres in.", error.TextContent.Trim());
        Assert.Contains("utrecht-form-field-error-message", error.ClassList);
        Assert.Equal(input.Id, Single(html, "label").GetAttribute("for"));
        Assert.Contains("utrecht-form-field--invalid", Single(html, ".utrecht-form-field").ClassList);
        Assert.Contains("utrecht-textbox--invalid", input.ClassList);
    }

    [Fact]
    public async Task AFieldWithoutErrorIsNeitherInvalidNorDescribedByAnErrorMessage()
    {
        // Another field was refused; this one was not.
        var errors = FormErrors.From([new ValidationFailure("Email", "Vul een geldig e-mailadres in.")], fallbackField: "formulier");

        var html = await RenderAsync<FormFieldTextbox>(new()
        {
            [nameof(FormFieldTextbox.Field)] = "Naam",
            [nameof(FormFieldTextbox.Name)] = "Input.Naam",
            [nameof(FormFieldTextbox.Label)] = "Naam",
            [nameof(FormFieldTextbox.Description)] = "Zoals uw collega's u kennen.",
            [nameof(FormFieldTextbox.Errors)] = errors,
        });

        var input = Single(html, "input");
        Assert.Null(input.GetAttribute("aria-invalid"));
        Assert.Equal("Zoals uw collega's u kennen.", Single(html, $"#{input.GetAttribute("aria-describedby")}").TextContent.Trim());
        Assert.Empty(html.QuerySelectorAll(".utrecht-form-field-error-message"));
        Assert.DoesNotContain("utrecht-form-field--invalid", Single(html, ".utrecht-form-field").ClassList);
    }

    [Fact]
    public async Task TheErrorSummaryLinksEachMessageToItsFieldsInput()
    {
        var failures = new[]
        {
            new ValidationFailure("Email", "Vul een geldig e-mailadres in."),
            new ValidationFailure("Household.Adults", "Het aantal volwassenen is 1 of 2."),
        };
        var errors = FormErrors.From(failures, fallbackField: "formulier");

        var summary = await RenderAsync<ErrorSummary>(new() { [nameof(ErrorSummary.Errors)] = errors });
        var email = await RenderAsync<FormFieldTextbox>(new()
        {
            [nameof(FormFieldTextbox.Field)] = "Email", [nameof(FormFieldTextbox.Name)] = "Input.Email",
            [nameof(FormFieldTextbox.Label)] = "E-mailadres", [nameof(FormFieldTextbox.Errors)] = errors,
        });
        var adults = await RenderAsync<FormFieldTextbox>(new()
        {
            [nameof(FormFieldTextbox.Field)] = "Household.Adults", [nameof(FormFieldTextbox.Name)] = "Input.Household.Adults",
            [nameof(FormFieldTextbox.Label)] = "Volwassenen", [nameof(FormFieldTextbox.Errors)] = errors,
        });

        Assert.Equal("alert", Single(summary, ".utrecht-alert--error").GetAttribute("role"));
        var links = summary.QuerySelectorAll("a").ToList();
        Assert.Equal(2, links.Count);
        Assert.Equal(["Vul een geldig e-mailadres in.", "Het aantal volwassenen is 1 of 2."], links.Select(l => l.TextContent.Trim()));
        Assert.Equal("#" + Single(email, "input").Id, links[0].GetAttribute("href"));
        Assert.Equal("#" + Single(adults, "input").Id, links[1].GetAttribute("href"));
        Assert.NotEqual(links[0].GetAttribute("href"), links[1].GetAttribute("href"));
    }

    [Fact]
    public async Task TheErrorSummaryIsAbsentWhenNothingWasRefused()
    {
        var nothing = await RenderAsync<ErrorSummary>(new() { [nameof(ErrorSummary.Errors)] = new FormErrors() });
        var something = await RenderAsync<ErrorSummary>(new() { [nameof(ErrorSummary.Errors)] = FormErrors.From([new ValidationFailure("Email", "Fout.")], "formulier") });

        Assert.Empty(nothing.QuerySelectorAll("[role=alert]"));
        Assert.Single(something.QuerySelectorAll("[role=alert]")); // positive control
    }

    private static async Task<IDocument> RenderAsync<TComponent>(Dictionary<string, object?> parameters) where TComponent : IComponent
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
        return await new HtmlParser().ParseDocumentAsync(html);
    }

    private static IElement Single(IDocument document, string selector)
    {
        var found = document.QuerySelectorAll(selector);
        Assert.True(found.Length == 1, $"expected one '{selector}', found {found.Length} in:\n{document.Body?.InnerHtml}");
        return found[0];
    }
}
