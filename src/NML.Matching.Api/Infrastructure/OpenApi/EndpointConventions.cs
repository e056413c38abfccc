namespace NML.Matching.Api.Infrastructure.OpenApi;

public static class EndpointConventions
{
    /// <summary>The problems every authenticated endpoint can answer: 401 without a valid key.</summary>
    public static RouteGroupBuilder WithCommonProblems(this RouteGroupBuilder group) =>
        group.ProducesProblem(StatusCodes.Status401Unauthorized);

    /// <summary>Marks a POST that honours the <c>Idempotency-Key</c> header, so that the OpenAPI document declares it.</summary>
    public static RouteHandlerBuilder AcceptsIdempotencyKey(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new IdempotentEndpoint()).ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>Marks an action that takes no body, so that the OpenAPI document says that none and <c>{}</c> are both accepted.</summary>
    public static RouteHandlerBuilder TakesNoBody(this RouteHandlerBuilder builder) => builder.WithMetadata(new NoBodyEndpoint());

    /// <summary>For endpoints limited to some roles: 403 for a valid key of another role.</summary>
    public static RouteHandlerBuilder ProducesForbidden(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status403Forbidden);
}
