using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Persistence.Records;
using NML.Matching.Api.Tests.Infrastructure;

namespace NML.Matching.Api.Tests.People;

/// <summary>
/// People (issue 13, docs/security.md "Accounts"): a person acts as its organisation, a deactivated person cannot sign
/// in, the API takes no person's cookie, and the audit trail names the person who acted. Real Identity stores on the
/// real database; no sign-in page exists yet, so a session cookie is made with the application's own cookie format.
/// </summary>
public sealed class PersonAccountTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Password = "een-lang-wachtwoord-2026";

    public static TheoryData<string, string, string?> OrganisationsOfEachType => new()
    {
        // type, region, the municipality a Gemeente speaks for (Data/regions.json: Venlo is GM0983 in NML)
        { "Corporatie", "NML", null },
        { "Zorgaanbieder", "MHL", null },
        { "Gemeente", "NML", "GM0983" },
        { "Matchingspunt", "MHL", null },
    };

    [Theory]
    [MemberData(nameof(OrganisationsOfEachType))]
    public async Task APersonActsInTheRoleRegionAndMunicipalityOfItsOrganisation(string type, string region, string? gemeente)
    {
        var (organisation, _) = await api.CreateOrganisationWithKeyAsync(BodyOf(type, region, gemeente));
        var person = await CreatePersonAsync(organisation.Id, PortalRole.Beheerder);

        await using var scope = api.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<Person>>();
        var principal = await signIn.CreateUserPrincipalAsync(person);
        var caller = Caller.From(principal);

        Assert.Equal(new Caller(type, organisation.Id, KeyId: null, region, gemeente, person.Id, IsBeheerder: true), caller);
        Assert.Equal(["beheerder"], principal.FindAll(CallerClaims.PortalRole).Select(c => c.Value));
        Assert.Single(principal.FindAll(ClaimTypes.Role));
    }

    [Fact]
    public async Task ADeactivatedPersonCannotSignInAndAnActiveOneCan()
    {
        var (organisation, _) = await api.CreateOrganisationWithKeyAsync(BodyOf("Corporatie", "NML", null));
        var person = await CreatePersonAsync(organisation.Id, PortalRole.Medewerker);

        var whileActive = await CheckPasswordAsync(person.Id, Password);
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var people = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var stored = (await people.FindByIdAsync(person.Id.ToString()))!;
            stored.Deactivate(api.Clock.GetUtcNow());
            await people.UpdateSecurityStampAsync(stored);
        }
        var afterDeactivation = await CheckPasswordAsync(person.Id, Password);

        Assert.True(whileActive.Succeeded);
        Assert.False(afterDeactivation.Succeeded);
        Assert.True(afterDeactivation.IsNotAllowed);
    }

    [Fact]
    public async Task APersonOfADeactivatedOrganisationCannotSignIn()
    {
        var (organisation, _) = await api.CreateOrganisationWithKeyAsync(BodyOf("Zorgaanbieder", "NML", null));
        var person = await CreatePersonAsync(organisation.Id, PortalRole.Medewerker);
        var whileActive = await CheckPasswordAsync(person.Id, Password);

        var update = await api.Admin().PutAsJsonAsync($"/api/v1/organisations/{organisation.Id}",
            new { name = organisation.Name, type = "Zorgaanbieder", regionCode = "NML", werkgebied = new[] { "GM0983" }, active = false });
        update.EnsureSuccessStatusCode();
        var afterDeactivation = await CheckPasswordAsync(person.Id, Password);

        Assert.True(whileActive.Succeeded);
        Assert.True(afterDeactivation.IsNotAllowed);
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedForAnActivePerson()
    {
        var (organisation, _) = await api.CreateOrganisationWithKeyAsync(BodyOf("Corporatie", "MHL", null));
        var person = await CreatePersonAsync(organisation.Id, PortalRole.Medewerker);

        var result = await CheckPasswordAsync(person.Id, Password + "x");

        Assert.False(result.Succeeded);
        Assert.False(result.IsNotAllowed);
    }

    [Fact]
    public async Task AnApiRequestWithOnlyAPersonsCookieIs401ProblemDetailsNotARedirect()
    {
        var (organisation, _) = await api.CreateOrganisationWithKeyAsync(BodyOf("Matchingspunt", "NML", null));
        var person = await CreatePersonAsync(organisation.Id, PortalRole.Beheerder);
        var cookie = await SessionCookieAsync(person);

        // Positive control: the same cookie is a valid session of this person on a portal path.
        var onPortal = await AuthenticateAsync("/", cookie);
        var onApi = await AuthenticateAsync("/api/v1/me", cookie);
        var client = api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("Cookie", $"{AuthSetup.AuthCookieName}={cookie}");
        var response = await client.SendAsync(request);

        Assert.True(onPortal.Succeeded);
        Assert.Equal(person.Id.ToString(), onPortal.Principal!.FindFirstValue(CallerClaims.PersonId));
        Assert.False(onApi.Succeeded);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheAuditTrailNamesThePersonWhoActedAndFiltersByPerson()
    {
        var (organisation, _) = await api.CreateOrganisationWithKeyAsync(BodyOf("Corporatie", "NML", null));
        var person = await CreatePersonAsync(organisation.Id, PortalRole.Medewerker);
        var colleague = await CreatePersonAsync(organisation.Id, PortalRole.Medewerker);
        var keyId = Guid.NewGuid();
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
            var now = api.Clock.GetUtcNow();
            db.Record(now, new Caller("Corporatie", organisation.Id, null, "NML", null, person.Id).AsActor(), "unit.posted", "unit", "by-person", null, null);
            db.Record(now, new Caller("Corporatie", organisation.Id, null, "NML", null, colleague.Id).AsActor(), "unit.posted", "unit", "by-colleague", null, null);
            db.Record(now, new Caller("Corporatie", organisation.Id, keyId, "NML").AsActor(), "unit.posted", "unit", "by-key", null, null);
            await db.SaveChangesAsync();
        }

        var byPerson = await api.Admin().GetFromJsonAsync<PagedList<AuditEventDto>>($"/api/v1/audit-events?person={person.Id}", Json.Options);
        var all = await api.Admin().GetFromJsonAsync<PagedList<AuditEventDto>>($"/api/v1/audit-events?actorOrganisationId={organisation.Id}&action=unit.posted", Json.Options);

        var line = Assert.Single(byPerson!.Items);
        Assert.Equal("by-person", line.EntityId);
        Assert.Equal(person.Id, line.ActorPersonId);
        Assert.Equal(organisation.Id, line.ActorOrganisationId);
        Assert.Null(line.ActorKeyId);
        Assert.Equal(3, all!.Items.Count);
        var byKey = Assert.Single(all.Items, e => e.EntityId == "by-key");
        Assert.Equal(keyId, byKey.ActorKeyId);
        Assert.Null(byKey.ActorPersonId);
    }

    private static object BodyOf(string type, string region, string? gemeente) => type switch
    {
        "Gemeente" => new { name = $"Gemeente {Guid.NewGuid():N}", type, regionCode = region, gemeenteCode = gemeente },
        "Matchingspunt" => new { name = $"Punt {Guid.NewGuid():N}", type, regionCode = region },
        _ => new { name = $"{type} {Guid.NewGuid():N}", type, regionCode = region, werkgebied = new[] { region == "NML" ? "GM0983" : "GM0935" } },
    };

    [Fact]
    public async Task ASessionIsOpenUntilItEndsOrIsTwelveHoursOldInTheDatabaseAsInMemory()
    {
        // docs/security.md "Accounts": a session lasts at most 12 hours; "Mijn account" lists the open ones, and the
        // rows that are over are deleted at the next sign-in. The query (OpenAt/OverAt) and the loaded row (IsOpenAt)
        // must agree, also at the boundary.
        var (organisation, _) = await api.CreateOrganisationWithKeyAsync(BodyOf("Corporatie", "NML", null));
        var person = await CreatePersonAsync(organisation.Id, PortalRole.Medewerker);
        var now = new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
        var twelveHours = TimeSpan.FromHours(12);
        var sessions = new Dictionary<string, PersonSession>
        {
            ["an hour old"] = PersonSession.Start(person.Id, "mfa", "Chrome op Linux", now.AddHours(-1)),
            ["a second short of twelve hours"] = PersonSession.Start(person.Id, "mfa", "Chrome op Linux", now - twelveHours + TimeSpan.FromSeconds(1)),
            ["exactly twelve hours old"] = PersonSession.Start(person.Id, "mfa", "Chrome op Linux", now - twelveHours),
            ["thirteen hours old"] = PersonSession.Start(person.Id, "mfa", "Chrome op Linux", now.AddHours(-13)),
            ["ended"] = PersonSession.Start(person.Id, "mfa", "Chrome op Linux", now.AddMinutes(-5)),
        };
        sessions["ended"].End(now.AddMinutes(-1));
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
            db.PersonSessions.AddRange(sessions.Values);
            await db.SaveChangesAsync();
        }

        await using var read = api.Services.CreateAsyncScope();
        var rows = read.ServiceProvider.GetRequiredService<MatchingDbContext>().PersonSessions.Where(s => s.PersonId == person.Id);
        var open = await rows.Where(PersonSession.OpenAt(now, twelveHours)).Select(s => s.Id).ToListAsync();
        var over = await rows.Where(PersonSession.OverAt(now, twelveHours)).Select(s => s.Id).ToListAsync();

        string[] expectedOpen = ["an hour old", "a second short of twelve hours"];
        Assert.Equal(expectedOpen.Select(n => sessions[n].Id).Order(), open.Order());
        Assert.Equal(sessions.Keys.Except(expectedOpen).Select(n => sessions[n].Id).Order(), over.Order());
        Assert.All(sessions, s => Assert.Equal(expectedOpen.Contains(s.Key), s.Value.IsOpenAt(now, twelveHours)));
    }

    private async Task<Person> CreatePersonAsync(Guid organisationId, PortalRole role)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var people = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var id = Guid.CreateVersion7();
        var person = new Person(id, organisationId, $"p{id:N}@nml-matching.test", "Test Medewerker", role, api.Clock.GetUtcNow());
        var created = await people.CreateAsync(person, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return person;
    }

    private async Task<SignInResult> CheckPasswordAsync(Guid personId, string password)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<Person>>();
        var person = (await signIn.UserManager.FindByIdAsync(personId.ToString()))!;
        return await signIn.CheckPasswordSignInAsync(person, password, lockoutOnFailure: true);
    }

    /// <summary>The value of a session cookie as the sign-in would set it: the person's principal in the cookie's own format.</summary>
    private async Task<string> SessionCookieAsync(Person person)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<Person>>();
        var principal = await signIn.CreateUserPrincipalAsync(person);
        var options = scope.ServiceProvider.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var now = api.Clock.GetUtcNow();
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + AuthSetup.SlidingLifetime };
        properties.Items[AuthSetup.AuthTimeItem] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        return options.TicketDataFormat.Protect(new AuthenticationTicket(principal, properties, IdentityConstants.ApplicationScheme));
    }

    /// <summary>Authenticates a request to <paramref name="path"/> that carries the cookie, with the application's default scheme.</summary>
    private async Task<AuthenticateResult> AuthenticateAsync(string path, string cookie)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("localhost");
        context.Request.Path = path;
        context.Request.Headers.Cookie = $"{AuthSetup.AuthCookieName}={cookie}";
        return await context.AuthenticateAsync();
    }
}
