using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Features.PerformanceAgreements;

public static class GetPerformanceAgreement
{
    public sealed record Query(Guid Id) : IQuery<Result<PerformanceAgreementDto>>;

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : IQueryHandler<Query, Result<PerformanceAgreementDto>>
    {
        public async ValueTask<Result<PerformanceAgreementDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var agreement = await db.PerformanceAgreements.AsNoTracking().VisibleTo(caller.Caller).FirstOrDefaultAsync(a => a.Id == query.Id, cancellationToken);
            if (agreement is null) return Error.NotFound("Performance agreement");
            return await PerformanceAgreementDto.OneAsync(db, agreement, RegionalDate.Today(clock), cancellationToken);
        }
    }

    public static RouteHandlerBuilder MapGetPerformanceAgreement(this IEndpointRouteBuilder group) =>
        group.MapGet("/{id:guid}", async (Guid id, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Query(id), cancellationToken)).ToHttp(a => http.OkWithETag(a, a.Version)))
            .WithName("GetPerformanceAgreement")
            .WithSummary("Get one agreement with its progress today.")
            .WithDescription("Agreements you may not see answer 404.")
            .Produces<PerformanceAgreementDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
