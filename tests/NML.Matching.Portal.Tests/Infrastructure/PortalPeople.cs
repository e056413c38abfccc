using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Persistence.Records;
using NML.Matching.Domain.Organisations;

namespace NML.Matching.Portal.Tests.Infrastructure;

/// <summary>A person made for a test: their id, e-mail, password, and the Base32 key of their authenticator (or null).</summary>
public sealed record TestPerson(Guid Id, Guid OrganisationId, string Email, string Password, string DisplayName, string? AuthenticatorKey);

/// <summary>Organisations and people made directly in the fixture's database, each test its own (unique names and addresses).</summary>
public static class PortalPeople
{
    public const string Password = "een-lang-test-wachtwoord";

    public static async Task<Guid> CreateOrganisationAsync(this PortalFixture portal, OrganisationType type, string? gemeenteCode = null) =>
        (await portal.CreateOrganisationAndKeyAsync(type, gemeenteCode)).Id;

    /// <summary>An organisation and an API key of its own (for arranging data through the API).</summary>
    public static async Task<(Guid Id, string Key)> CreateOrganisationAndKeyAsync(this PortalFixture portal, OrganisationType type, string? gemeenteCode = null, string? name = null)
    {
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        var id = Guid.NewGuid();
        var organisation = Organisation.Create(id, name ?? $"{type} {id:N}"[..24], type, "NML", type == OrganisationType.Gemeente ? gemeenteCode ?? "GM0983" : null,
            null, type == OrganisationType.Corporatie || type == OrganisationType.Zorgaanbieder ? ["GM0983"] : [], portal.Clock.GetUtcNow());
        var key = $"nml_{Guid.NewGuid():N}_test";
        organisation.AddKnownApiKey(Guid.NewGuid(), "test", key, portal.Clock.GetUtcNow());
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return (id, key);
    }

    /// <summary>A person of <paramref name="organisationId"/> with <see cref="Password"/>, and an authenticator unless told not.</summary>
    public static async Task<TestPerson> CreatePersonAsync(this PortalFixture portal, Guid organisationId, PortalRole role = PortalRole.Medewerker, bool authenticator = true)
    {
        using var scope = portal.Services.CreateScope();
        var people = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var id = Guid.NewGuid();
        var email = $"p{id:N}@nml-matching.test";
        var name = $"Medewerker {id.ToString("N")[..6]}";
        var person = new Person(id, organisationId, email, name, role, portal.Clock.GetUtcNow());
        Check(await people.CreateAsync(person, Password));
        string? key = null;
        if (authenticator)
        {
            Check(await people.ResetAuthenticatorKeyAsync(person));
            key = await people.GetAuthenticatorKeyAsync(person);
            Check(await people.SetTwoFactorEnabledAsync(person, true));
        }
        return new TestPerson(id, organisationId, email, Password, name, key);
    }

    /// <summary>One of the service's administrators (Admin role), with <see cref="Password"/> and an authenticator.</summary>
    public static async Task<TestPerson> CreateServiceAdminAsync(this PortalFixture portal)
    {
        using var scope = portal.Services.CreateScope();
        var people = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var id = Guid.NewGuid();
        var person = Person.ServiceAdmin(id, $"beheer{id:N}@nml-matching.test", $"Beheerder {id.ToString("N")[..6]}", portal.Clock.GetUtcNow());
        Check(await people.CreateAsync(person, Password));
        Check(await people.ResetAuthenticatorKeyAsync(person));
        var key = await people.GetAuthenticatorKeyAsync(person);
        Check(await people.SetTwoFactorEnabledAsync(person, true));
        return new TestPerson(id, Guid.Empty, person.Email!, Password, person.DisplayName, key);
    }

    /// <summary>Signs in through the portal's pages: e-mail and password, then the authenticator's current code.</summary>
    public static async Task SignInAsync(this IPage page, TestPerson person, string? returnUrl = null)
    {
        await page.GotoAsync(returnUrl is null ? "/inloggen" : "/inloggen?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.GetByLabel("E-mailadres").FillAsync(person.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(person.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();
        if (person.AuthenticatorKey is { } key)
        {
            await page.WaitForURLAsync(url => url.Contains("/inloggen/code", StringComparison.Ordinal), Arrived);
            await page.GetByLabel("Code uit de app").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
            await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();
        }
        await page.WaitForURLAsync(url => !url.Contains("/inloggen", StringComparison.Ordinal), Arrived);
    }

    /// <summary>
    /// Arrived: the next page's document is parsed. Not its load event, which also waits for every style sheet, font and
    /// script: a CI run once waited 30 s for that on a loaded machine after the URL had changed. What a test checks next
    /// waits for its own element (Playwright's locators and Expect).
    /// </summary>
    private static readonly PageWaitForURLOptions Arrived = new() { WaitUntil = WaitUntilState.DOMContentLoaded };

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}
