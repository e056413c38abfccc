using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.PerformanceAgreements;

public static class DeletePerformanceAgreement
{
    public sealed record Command(Guid Id) : ICommand<Result<Success>>;

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : ICommandHandler<Command, Result<Success>>
    {
        public async ValueTask<Result<Success>> Handle(Command command, CancellationToken cancellationToken)
        {
            var agreement = await db.PerformanceAgreements.VisibleTo(caller.Caller).FirstOrDefaultAsync(a => a.Id == command.Id, cancellationToken);
            if (agreement is null) return Error.NotFound("Performance agreement");
            if (AgreementAccess.CheckWriter(caller.Caller, agreement.GemeenteCode, agreement.RegionCode) is { } forbidden) return forbidden;
            db.PerformanceAgreements.Remove(agreement);
            db.Record(clock.GetUtcNow(), caller.Caller.AsActor(), "performance-agreement.deleted", "performance-agreement", agreement.Id.ToString(),
                PerformanceAgreementDto.AuditState(agreement), null);
            await db.SaveChangesAsync(cancellationToken);
            return new Success();
        }
    }

    public static RouteHandlerBuilder MapDeletePerformanceAgreement(this IEndpointRouteBuilder group) =>
        group.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new Command(id), cancellationToken)).ToHttp(_ => TypedResults.NoContent()))
            .WithName("DeletePerformanceAgreement")
            .WithSummary("Remove an agreement recorded by mistake (the municipality itself or the Matchingspunt).")
            .WithDescription("The removal is audited with the agreement as it was.")
            .RequireAuthorization(Policies.AgreementReaders)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesForbidden()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
