using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Tests.Infrastructure;
using NML.Matching.Portal.Tests.Infrastructure;

namespace NML.Matching.Portal.Tests.Candidates;

/// <summary>What the client tests share: filling the registration form as a care worker does, and arranging clients through the API.</summary>
internal static class ClientPages
{
    /// <summary>Fills every required field of the registration form with valid values (docs/registers.md §1.1), and a few optional ones.</summary>
    public static async Task FillValidFormAsync(IPage page, string reference)
    {
        await page.GetByLabel("Cliëntreferentie (verplicht)").FillAsync(reference);
        await page.GetByLabel("Herkomstgemeente (verplicht)").SelectOptionAsync(new SelectOptionValue { Label = "Venlo" });
        await page.GetByLabel("Huidige woonsituatie (verplicht)").SelectOptionAsync(new SelectOptionValue { Label = "beschermd wonen" });
        await page.GetByLabel("Leeftijdscategorie (verplicht)").SelectOptionAsync(new SelectOptionValue { Label = "27-49 jaar" });
        await page.GetByLabel("Uitstroom-gereed sinds (verplicht)").FillAsync("2026-01-15");
        await page.GetByLabel("Volwassenen (verplicht)").FillAsync("1");
        await page.GetByLabel("Kinderen", new() { Exact = true }).FillAsync("0");
        await page.GetByLabel("Maximale huur in euro (verplicht)").FillAsync("650,50");
        await page.GetByLabel("Begeleidingsbehoefte (verplicht)").SelectOptionAsync(new SelectOptionValue { Label = "midden" });
        await page.GetByLabel("Begeleidingsuren per week").FillAsync("4");
        await page.GetByLabel("Ja, de begeleiding loopt door").CheckAsync();
        await page.GetByLabel("Behoefte aan prikkelarm wonen (verplicht)").SelectOptionAsync(new SelectOptionValue { Label = "liefst prikkelarm" });
        var preferred = page.GetByRole(AriaRole.Group, new() { Name = "Voorkeursgemeenten" });
        await preferred.GetByLabel("Venlo", new() { Exact = true }).CheckAsync();
        await preferred.GetByLabel("Venray", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Uitgesloten gemeenten" }).GetByLabel("Roermond", new() { Exact = true }).CheckAsync();
    }

    public static HttpClient Provider(PortalFixture portal, string key)
    {
        var client = portal.Https();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public static async Task<CandidateDto> RegisterAsync(PortalFixture portal, string key, JsonObject body)
    {
        using var client = Provider(portal, key);
        return await client.RegisterCandidateAsync(body);
    }

    public static async Task<CandidateDto> GetAsync(PortalFixture portal, string key, Guid id)
    {
        using var client = Provider(portal, key);
        return (await client.GetFromJsonAsync<CandidateDto>($"/api/v1/candidates/{id}", Json.Options))!;
    }

    /// <summary>The candidates of the key's provider with this reference (the API's list, not the page).</summary>
    public static async Task<List<CandidateDto>> WithReferenceAsync(PortalFixture portal, string key, string reference)
    {
        using var client = Provider(portal, key);
        var all = new List<CandidateDto>();
        for (var page = 1; ; page++)
        {
            var list = (await client.GetFromJsonAsync<PageOf>($"/api/v1/candidates?pageSize=200&page={page}", Json.Options))!;
            all.AddRange(list.Items);
            if (list.Items.Count < 200) break;
        }
        return [.. all.Where(c => c.ExternalReference == reference)];
    }

    public sealed record PageOf(List<CandidateDto> Items, int Total);
}
