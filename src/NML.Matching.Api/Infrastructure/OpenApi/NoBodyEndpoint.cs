namespace NML.Matching.Api.Infrastructure.OpenApi;

/// <summary>
/// Endpoint metadata: an action without a body. The endpoint binds no body, so it answers the same with no body, an
/// empty one or <c>{}</c>, with or without <c>Content-Type: application/json</c>.
/// </summary>
public sealed class NoBodyEndpoint
{
    public const string Description = "Takes no body: send none, or an empty JSON object `{}`; both are accepted.";
}
