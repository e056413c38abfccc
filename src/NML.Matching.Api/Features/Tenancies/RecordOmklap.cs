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

namespace NML.Matching.Api.Features.Tenancies;

public static class RecordOmklap
{
    public sealed record Body([property: Required] DateOnly? Date);

    public sealed record Command(Guid Id, Body Body) : ICommand<Result<TenancyDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body.Date).NotNull().OverridePropertyName("date");
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
                var now = clock.GetUtcNow();
                tenancy.RecordOmklap(command.Body.Date!.Value, now);
                db.Record(now, who.AsActor(), "tenancy.omklap-recorded", "tenancy", tenancy.Id.ToString(), null, new { tenancy.OmklapDate });
                await db.SaveChangesAsync(cancellationToken);
                return TenancyDto.From(tenancy, who, RegionalDate.Today(clock));
            });
        }
    }

    public static RouteHandlerBuilder MapRecordOmklap(this IEndpointRouteBuilder group) =>
        group.MapPost("/{id:guid}/omklap", async (Guid id, Body body, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Command(id, body), cancellationToken)).ToHttp(t => http.OkWithETag(t, t.Version)))
            .WithName("RecordOmklap")
            .WithSummary("Record that an omklap lease moved to the tenant (the owner or the care provider).")
            .WithDescription("Only for contractForm Omklap, once, not before the lease started.")
            .RequireAuthorization(Policies.UnitWriters)
            .Produces<TenancyDto>()
            .ProducesValidationProblem()
            .ProducesForbidden()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
