using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.EngineInput;

public static class EngineInputSetup
{
    /// <summary>The <c>Matching</c> section, the loader of the engine's input and the register pools (a singleton).</summary>
    public static WebApplicationBuilder AddMatchingEngineInput(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<MatchingSettings>(builder.Configuration.GetSection("Matching"));
        builder.Services.AddScoped<MatchingInputLoader>();
        builder.Services.AddSingleton<RegisterPools>();
        return builder;
    }
}
