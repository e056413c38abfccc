using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Features.Tenancies;

public static class GetTenancy
{
    public sealed record Query(Guid Id) : IQuery<Result<TenancyDto>>;

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : IQueryHandler<Query, Result<TenancyDto>>
    {
        public async ValueTask<Result<TenancyDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var tenancy = await db.Tenancies.AsNoTracking().VisibleTo(caller.Caller).FirstOrDefaultAsync(t => t.Id == query.Id, cancellationToken);
            return tenancy is null ? Error.NotFound("Tenancy") : TenancyDto.From(tenancy, caller.Caller, RegionalDate.Today(clock));
        }
    }

    public static RouteHandlerBuilder MapGetTenancy(this IEndpointRouteBuilder group) =>
        group.MapGet("/{id:guid}", async (Guid id, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Query(id), cancellationToken)).ToHttp(t => http.OkWithETag(t, t.Version)))
            .WithName("GetTenancy")
            .WithSummary("Get one tenancy with its omklap and follow-ups.")
            .WithDescription("Others' tenancies answer 404.")
            .Produces<TenancyDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
