using NML.Matching.Api.Features.Workflow;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Matches;

namespace NML.Matching.Api.Features.Matches;

public static class WorkflowSetup
{
    /// <summary>
    /// The <c>Workflow</c> section, the domain's placement steps (match snapshots are stored as JSON like everything
    /// else) and the deadline service, a hosted service in every instance.
    /// </summary>
    public static WebApplicationBuilder AddMatchingWorkflow(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<WorkflowSettings>(builder.Configuration.GetSection("Workflow"));
        builder.Services.AddSingleton(new Placement(snapshot => StoredJson.Serialize(snapshot)));
        builder.Services.AddSingleton<MatchDeadlineService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MatchDeadlineService>());
        return builder;
    }
}
