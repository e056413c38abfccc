using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NML.Matching.Api.Persistence.Records;

namespace NML.Matching.Api.Infrastructure.Auth;

/// <summary>
/// The token of an invitation link: Identity's data-protection token, valid for 7 days (issue 13) and bound to the
/// person's security stamp, which changes when the person chooses a password or links an account: so it works once.
/// </summary>
public sealed class InvitationTokens(IDataProtectionProvider protection, IOptions<InvitationTokenOptions> options, ILogger<DataProtectorTokenProvider<Person>> logger)
    : DataProtectorTokenProvider<Person>(protection, options, logger)
{
    public const string ProviderName = "Uitnodiging";
    public const string Purpose = "accept-invitation";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
}

public sealed class InvitationTokenOptions : DataProtectionTokenProviderOptions
{
    public InvitationTokenOptions()
    {
        Name = InvitationTokens.ProviderName;
        TokenLifespan = InvitationTokens.Lifetime;
    }
}
