using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Features.Tenancies;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Tenancies;

namespace NML.Matching.Api.Features.Matches;

public static class ContractMatch
{
    /// <summary>The signed lease: its start, its form, and for Omklap after how many months it moves to the tenant.</summary>
    public sealed record Body([property: Required] DateOnly? TenancyStart, [property: Required] ContractForm? ContractForm, int? OmklapAfterMonths);

    public sealed record Command(Guid Id, string? IfMatch, Body Body) : ICommand<Result<TenancyDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.TenancyStart).NotNull().OverridePropertyName("tenancyStart");
            RuleFor(c => c.Body.ContractForm).NotNull().IsInEnum().OverridePropertyName("contractForm");
            RuleFor(c => c.Body.OmklapAfterMonths).NotNull().InclusiveBetween(1, 60)
                .When(c => c.Body.ContractForm == ContractForm.Omklap).OverridePropertyName("omklapAfterMonths");
            RuleFor(c => c.Body.OmklapAfterMonths).Null().When(c => c.Body.ContractForm != ContractForm.Omklap)
                .WithMessage("omklapAfterMonths only goes with contractForm Omklap.").OverridePropertyName("omklapAfterMonths");
        }
    }

    public sealed class Handler(MatchingDbContext db, Placement placement, ICallerAccessor caller, TimeProvider clock) : ICommandHandler<Command, Result<TenancyDto>>
    {
        public async ValueTask<Result<TenancyDto>> Handle(Command command, CancellationToken cancellationToken)
        {
            var who = caller.Caller;
            var found = await db.FindForTransitionAsync(who, command.Id, command.IfMatch, cancellationToken);
            if (!found.IsSuccess) return found.Error!;
            var match = found.Value!;
            if (MatchAccess.CheckOwner(who, match, "records the signed lease") is { } notOwner) return notOwner;
            var today = RegionalDate.Today(clock);
            Tenancy.CheckStartDate(command.Body.TenancyStart!.Value, today);

            var now = clock.GetUtcNow();
            var before = match.Status;
            var (unit, candidate) = await db.PartiesOfAsync(match, cancellationToken);
            var tenancy = placement.Contract(Guid.CreateVersion7(now), match, unit, candidate, who.AsActor(),
                command.Body.TenancyStart!.Value, command.Body.ContractForm!.Value, command.Body.OmklapAfterMonths, now);
            db.Tenancies.Add(tenancy);
            db.Record(now, who.AsActor(), "match.contracted", "match", match.Id.ToString(), new { status = before }, new { status = match.Status, tenancyId = tenancy.Id });
            db.Record(now, who.AsActor(), "tenancy.started", "tenancy", tenancy.Id.ToString(), null,
                new { tenancy.MatchId, tenancy.StartDate, tenancy.ContractForm, tenancy.OmklapDueDate });
            await db.SaveChangesAsync(cancellationToken);
            return TenancyDto.From(tenancy, who, today);
        }
    }

    public static RouteHandlerBuilder MapContractMatch(this IEndpointRouteBuilder group) =>
        group.MapPost("/{id:guid}/contract", async (Guid id, Body body, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Command(id, ifMatch, body), cancellationToken))
                    .ToHttp(t => http.CreatedWithETag($"/api/v1/tenancies/{t.Id}", t, t.Version)))
            .WithName("ContractMatch")
            .WithSummary("Record the signed lease (the unit's owner, or Admin): the unit is Let, the candidate Housed, a tenancy starts.")
            .WithDescription("Accepted → Contracted. Answers 201 with the new tenancy. For contractForm Omklap, omklapAfterMonths (1-60) sets the date the lease should move to the tenant.")
            .RequireAuthorization(Policies.UnitWriters)
            .Produces<TenancyDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesForbidden()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
