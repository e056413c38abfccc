using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Organisations;

namespace NML.Matching.Api.Features.Organisations;

public static class GetCurrentCaller
{
    /// <summary>Who the API key belongs to: role, organisation, its region and (for a municipality) its gemeente, and the key's expiry.</summary>
    public sealed record CallerDto(
        string Role, Guid? OrganisationId, string? OrganisationName, OrganisationType? OrganisationType, string? RegionCode, string? GemeenteCode,
        string? PointCode, Guid? KeyId, DateTimeOffset? KeyExpiresAt);

    public sealed record Query : IQuery<CallerDto>;

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller) : IQueryHandler<Query, CallerDto>
    {
        public async ValueTask<CallerDto> Handle(Query query, CancellationToken cancellationToken)
        {
            var me = caller.Caller;
            if (me.OrganisationId is not { } organisationId) return new CallerDto(me.Role, null, null, null, null, null, null, null, null);
            var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == organisationId, cancellationToken);
            var expiresAt = await db.ApiKeys.AsNoTracking().Where(k => k.Id == me.KeyId).Select(k => k.ExpiresAt).FirstOrDefaultAsync(cancellationToken);
            return new CallerDto(me.Role, organisation.Id, organisation.Name, organisation.Type, organisation.RegionCode, organisation.GemeenteCode,
                organisation.PointCode, me.KeyId, expiresAt);
        }
    }

    public static IEndpointRouteBuilder MapGetCurrentCaller(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/me", async (IMediator mediator, CancellationToken cancellationToken) => TypedResults.Ok(await mediator.Send(new Query(), cancellationToken)))
            .WithTags("Organisations")
            .WithName("GetCurrentCaller")
            .WithSummary("Who am I: the role, organisation, region and municipality of the API key.")
            .WithDescription("Lets a client (such as the dashboard) show what the key allows. The admin key has no organisation.")
            .RequireAuthorization(Policies.AnyCaller)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }
}
