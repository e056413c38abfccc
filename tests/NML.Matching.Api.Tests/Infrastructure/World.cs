namespace NML.Matching.Api.Tests.Infrastructure;

/// <summary>
/// An API with its cast of organisations. <see cref="Shared"/> wraps a test class's fixture (its database and
/// clock are shared by the tests of that class, which must therefore not move the clock or read each other's
/// data). <see cref="OwnAsync"/> starts an API on a database and a clock of its own, for a test that moves time:
/// no other test sees that clock, and that test sees no other test's data. Disposing an own world stops its API
/// and drops its database; disposing a shared one does nothing.
/// </summary>
public sealed class World : IAsyncDisposable
{
    private readonly bool _owned;

    private World(ApiFactory api, Cast cast, bool owned)
    {
        Api = api;
        Cast = cast;
        _owned = owned;
    }

    public ApiFactory Api { get; }

    public Cast Cast { get; }

    /// <summary>The date of the world's clock (UTC), from which a test derives the dates it sends.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Api.Clock.GetUtcNow().UtcDateTime);

    public static World Shared(ApiFactory api, Cast cast) => new(api, cast, owned: false);

    public static async Task<World> OwnAsync()
    {
        var api = new ApiFactory();
        try
        {
            await api.InitializeAsync();
            return new World(api, await Cast.CreateAsync(api), owned: true);
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned) await Api.DisposeAsync();
    }
}
