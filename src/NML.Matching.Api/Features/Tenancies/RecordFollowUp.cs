using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Mediator;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Tenancies;

namespace NML.Matching.Api.Features.Tenancies;

public static class RecordFollowUp
{
    public sealed record Body([property: Required] int? Month, [property: Required] bool? StillHoused, [property: Required] FollowUpOutcome? Outcome);

    public sealed record Command(Guid Id, Body Body) : ICommand<Result<TenancyDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.Month).NotNull().Must(m => m is 3 or 6 or 12).WithMessage("month is 3, 6 or 12.").OverridePropertyName("month");
            RuleFor(c => c.Body.StillHoused).NotNull().OverridePropertyName("stillHoused");
            RuleFor(c => c.Body.Outcome).NotNull().IsInEnum().OverridePropertyName("outcome");
        }
    }

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : ICommandHandler<Command, Result<TenancyDto>>
    {
        public async ValueTask<Result<TenancyDto>> Handle(Command command, CancellationToken cancellationToken)
        {
            var who = caller.Caller;
            // The reminder pass may mark this tenancy at the same moment; that race is retried, not answered with 409.
            return await db.RetryOnConcurrencyAsync<Result<TenancyDto>>(async () =>
            {
                var found = await db.FindForPartyAsync(who, command.Id, cancellationToken);
                if (!found.IsSuccess) return found.Error!;
                var tenancy = found.Value!;
                var today = RegionalDate.Today(clock);
                var now = clock.GetUtcNow();
                var followUp = tenancy.RecordFollowUp(command.Body.Month!.Value, command.Body.StillHoused!.Value, command.Body.Outcome!.Value, who.AsActor(), today, now);
                db.Record(now, who.AsActor(), "tenancy.follow-up-recorded", "tenancy", tenancy.Id.ToString(), null,
                    new { followUp.Month, followUp.StillHoused, followUp.Outcome });
                await db.SaveChangesAsync(cancellationToken);
                return TenancyDto.From(tenancy, who, today);
            });
        }
    }

    public static RouteHandlerBuilder MapRecordFollowUp(this IEndpointRouteBuilder group) =>
        group.MapPost("/{id:guid}/follow-ups", async (Guid id, Body body, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Command(id, body), cancellationToken)).ToHttp(t => http.OkWithETag(t, t.Version)))
            .WithName("RecordFollowUp")
            .WithSummary("Record the 3-, 6- or 12-month follow-up (the care provider or the owner).")
            .WithDescription("Once per month mark, from two weeks before it is due. stillHoused false cannot have outcome Stabiel. A due follow-up that is missing shows as overdue.")
            .RequireAuthorization(Policies.UnitWriters)
            .Produces<TenancyDto>()
            .ProducesValidationProblem()
            .ProducesForbidden()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
