using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using NML.Matching.Portal.Tests.Infrastructure;

namespace NML.Matching.Portal.Tests.Accounts;

/// <summary>The portal with a sign-in limit of three form posts per window for one address (docs/security.md, "Signing in").</summary>
public sealed class SignInLimitFixture : PortalFixture
{
    public const int Limit = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimiting:SignInPermitLimit", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class SignInLimitTests(SignInLimitFixture portal) : IClassFixture<SignInLimitFixture>
{
    [Fact]
    public async Task SignInPostsOverTheLimitGetTheDutchTooManyRequestsPageWhileTheFormStillLoads()
    {
        await using var session = await portal.OpenAsync();
        var page = session.Page;

        for (var attempt = 1; attempt <= SignInLimitFixture.Limit; attempt++)
        {
            await page.GotoAsync("/inloggen");
            await page.GetByLabel("E-mailadres").FillAsync($"iemand-{attempt}@nml-matching.test");
            await page.GetByLabel("Wachtwoord").FillAsync("een-verkeerd-wachtwoord");
            await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator(".utrecht-form-field-error-message")).ToContainTextAsync("klopt niet");
        }

        // Reading the form is not limited; the next post is.
        var form = await page.GotoAsync("/inloggen");
        Assert.Equal(200, form!.Status);
        await page.GetByLabel("E-mailadres").FillAsync("iemand-4@nml-matching.test");
        await page.GetByLabel("Wachtwoord").FillAsync("een-verkeerd-wachtwoord");
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync(),
            response => response.Request.Method == "POST");
        Assert.Equal(429, refused.Status);
        Assert.NotNull(refused.Headers.GetValueOrDefault("retry-after"));
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Er kwamen te veel verzoeken tegelijk");
        await session.AssertAccessibleAsync();
        session.AssertNoErrors(documentStatus: 429);
    }
}
