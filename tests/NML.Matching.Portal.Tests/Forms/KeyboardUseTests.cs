using System.Net.Http.Json;
using Microsoft.Playwright;
using NML.Matching.Api.Tests.Infrastructure;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Organisations;
using NML.Matching.Portal.Tests.Candidates;
using NML.Matching.Portal.Tests.Infrastructure;

namespace NML.Matching.Portal.Tests.Forms;

/// <summary>
/// Issue 14, "Every list and form works with the keyboard": a day's work done with Tab, typing, the arrow keys and
/// Enter alone, never a click (WCAG 2.1.1 Keyboard, 2.4.3 Focus Order). Each step checks its effect through the API.
/// </summary>
public sealed class KeyboardUseTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task ACareWorkerFindsAClientParksItAndEndsTheParkingWithTheKeyboardAlone()
    {
        var (provider, key) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Zorgaanbieder);
        var reference = Payloads.Reference("KB-", 12);
        var client = await ClientPages.RegisterAsync(portal, key, Payloads.Candidate("GM0983", reference));
        await ClientPages.RegisterAsync(portal, key, Payloads.Candidate("GM0983", Payloads.Reference("KB-", 12)));
        var person = await portal.CreatePersonAsync(provider);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.SignInAsync(person);
        await page.GotoAsync("/clienten");
        var rows = page.Locator("main tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);

        // The list: Tab to the search field, type a part of the reference, Enter submits the filter form.
        await page.TabToAsync(page.GetByLabel("Cliëntreferentie"), most: 40);
        await page.Keyboard.TypeAsync(reference[3..]);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("reference=", StringComparison.Ordinal));
        await Assertions.Expect(rows).ToHaveCountAsync(1);

        // Tab on to the client's link; Enter opens the client.
        await page.TabToAsync(page.GetByRole(AriaRole.Link, new() { Name = reference }), most: 40);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Cliënt {reference}");

        // Park: the date typed into the date field's parts (dd-mm-jjjj in Dutch), Tab to the reason, Tab to the button.
        // The order of the date field's parts follows the machine's locale (dd-mm on a Dutch one, mm-dd on this
        // headless one): a date whose day is its month reads the same either way.
        var today = DateOnly.FromDateTime(portal.Clock.GetUtcNow().UtcDateTime);
        var until = Enumerable.Range(today.Year, 2).SelectMany(y => Enumerable.Range(1, 12).Select(m => new DateOnly(y, m, m))).First(d => d > today.AddDays(7));
        await page.TabToAsync(page.GetByLabel("Geparkeerd tot"), most: 60);
        await page.Keyboard.TypeAsync(until.ToString("ddMMyyyy", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByLabel("Geparkeerd tot")).ToHaveValueAsync(until.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        // Chromium's date field may keep the focus on its own parts for a Tab or two; the reason is the next field.
        await page.TabToAsync(page.GetByLabel("Reden van parkeren"), most: 4);
        await page.Keyboard.TypeAsync("Tijdelijke opname");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Parkeren", Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("De cliënt is geparkeerd.");
        var parked = await ClientPages.GetAsync(portal, key, client.Id);
        Assert.Equal(CandidateStatus.Parked, parked.Status);
        Assert.Equal(until, parked.ParkedUntil);
        Assert.Equal("Tijdelijke opname", parked.ParkReason);

        // End the parking: a button is pressed with Space as well as with Enter.
        await page.TabToAsync(page.GetByRole(AriaRole.Button, new() { Name = "Parkeren beëindigen" }), most: 60);
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("De cliënt doet weer mee.");
        Assert.Equal(CandidateStatus.Ready, (await ClientPages.GetAsync(portal, key, client.Id)).Status);
        session.AssertNoErrors();
    }

    [Fact]
    public async Task AHousingOfficerAcceptsANominationWithTheKeyboardAlone()
    {
        var (corporation, key) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Corporatie);
        var (_, providerKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Zorgaanbieder);
        var (_, matchingspuntKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Matchingspunt);
        var (match, unit, _) = await portal.NominateAsync(key, providerKey, matchingspuntKey, "KB");
        var person = await portal.CreatePersonAsync(corporation);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.SignInAsync(person);

        // From the start page: Tab to Voordrachten, Enter; Tab to the unit's nomination, Enter.
        await page.TabToAsync(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Voordrachten" }), most: 40);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Voordrachten");
        await page.TabToAsync(page.Locator($"main a[href='/voordrachten/{match}']").First, most: 40);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(unit.Reference);

        await page.TabToAsync(page.GetByRole(AriaRole.Button, new() { Name = "Kandidaat accepteren" }), most: 60);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("U heeft de kandidaat geaccepteerd.");
        var accepted = (await portal.WithKey(key).GetFromJsonAsync<NML.Matching.Api.Features.Matches.MatchDto>($"/api/v1/matches/{match}", Json.Options))!;
        Assert.Equal(NML.Matching.Domain.Matches.MatchStatus.Accepted, accepted.Status);
        session.AssertNoErrors();
    }
}
