using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Auditing;

namespace NML.Matching.Api.Features.Audit;

/// <summary>
/// One audit line: who did what to which resource, with its state before and after. Who: the role, and the
/// organisation with its key (a system) or with its person (someone signed in to the portal).
/// </summary>
public sealed record AuditEventDto(
    long Id, DateTimeOffset OccurredAt, string ActorRole, Guid? ActorOrganisationId, Guid? ActorKeyId, Guid? ActorPersonId,
    string Action, string EntityType, string EntityId, JsonElement? Before, JsonElement? After)
{
    public static AuditEventDto From(AuditEvent e) => new(e.Id, e.OccurredAt, e.ActorRole, e.ActorOrganisationId, e.ActorKeyId, e.ActorPersonId,
        e.Action, e.EntityType, e.EntityId, Parse(e.Before), Parse(e.After));

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}

public static class ListAuditEvents
{
    public sealed record Query(string? EntityType, string? EntityId, string? Action, Guid? ActorOrganisationId, Guid? Person, DateTimeOffset? From, DateTimeOffset? To, int Page, int PageSize)
        : IQuery<PagedList<AuditEventDto>>, IPagedRequest;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new Paging.Validator());
            RuleFor(q => q.EntityType).MaximumLength(64);
            RuleFor(q => q.EntityId).MaximumLength(64);
            RuleFor(q => q.Action).MaximumLength(64);
            RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null);
        }
    }

    public sealed class Handler(MatchingDbContext db) : IQueryHandler<Query, PagedList<AuditEventDto>>
    {
        public async ValueTask<PagedList<AuditEventDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var events = db.AuditEvents.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(query.EntityType)) events = events.Where(e => e.EntityType == query.EntityType);
            if (!string.IsNullOrWhiteSpace(query.EntityId)) events = events.Where(e => e.EntityId == query.EntityId);
            if (!string.IsNullOrWhiteSpace(query.Action)) events = events.Where(e => e.Action == query.Action);
            if (query.ActorOrganisationId is { } actor) events = events.Where(e => e.ActorOrganisationId == actor);
            if (query.Person is { } person) events = events.Where(e => e.ActorPersonId == person);
            if (query.From?.ToUniversalTime() is { } from) events = events.Where(e => e.OccurredAt >= from);
            if (query.To?.ToUniversalTime() is { } to) events = events.Where(e => e.OccurredAt < to);
            return await events.OrderByDescending(e => e.Id).ToPageAsync(query, AuditEventDto.From, cancellationToken);
        }
    }

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/audit-events").WithTags("Audit").RequireAuthorization(Policies.AdminOnly).WithCommonProblems()
            .MapGet("/", async (IMediator mediator, CancellationToken cancellationToken,
                    string? entityType = null, string? entityId = null, string? action = null, Guid? actorOrganisationId = null, Guid? person = null,
                    DateTimeOffset? from = null, DateTimeOffset? to = null, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new Query(entityType, entityId, action, actorOrganisationId, person, from, to, page, pageSize), cancellationToken)))
            .WithName("ListAuditEvents")
            .WithSummary("Page through the audit trail, newest first (admin).")
            .WithDescription("Every change to an organisation or key, and every later write, with who did it (the role, the organisation, and its key or the person signed in) and the state before and after. `person` lists what one person did.")
            .ProducesValidationProblem()
            .ProducesForbidden();
        return app;
    }
}
