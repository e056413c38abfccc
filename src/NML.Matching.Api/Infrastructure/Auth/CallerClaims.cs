namespace NML.Matching.Api.Infrastructure.Auth;

public static class CallerClaims
{
    public const string OrganisationId = "nml:organisation";
    public const string KeyId = "nml:key";
    public const string Name = "nml:name";
    public const string Region = "nml:region";
    public const string Gemeente = "nml:gemeente";
}
