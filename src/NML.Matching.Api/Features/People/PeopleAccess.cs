using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Persistence.Records;

namespace NML.Matching.Api.Features.People;

/// <summary>
/// Who manages people (issue 13, "Accounts"): a beheerder the people of their own organisation; Admin (the service's
/// administrators and the admin key) everyone's, and the service administrators (no organisation). A medewerker
/// manages nobody, and another organisation's people answer "not found".
/// </summary>
public static class PeopleAccess
{
    public static bool MayManage(Caller caller, Guid? organisationId) =>
        caller.IsAdmin || (caller.IsBeheerder && caller.PersonId is not null && organisationId is not null && caller.OrganisationId == organisationId);

    public static IQueryable<Person> ManageableBy(this IQueryable<Person> people, Caller caller) =>
        caller.IsAdmin ? people
        : caller.IsBeheerder && caller.OrganisationId is { } own ? people.Where(p => p.OrganisationId == own)
        : people.Where(_ => false);
}
