using FluentValidation;

namespace NML.Matching.Api.Infrastructure.Validation;

public static class HandlersSetup
{
    /// <summary>
    /// The mediator's generated dispatch (scoped handlers, so that they can use the scoped DbContext) with the one
    /// pipeline behaviour, <see cref="ValidationBehavior{TMessage, TResponse}"/>, and every validator of the assembly.
    /// </summary>
    public static WebApplicationBuilder AddMatchingHandlers(this WebApplicationBuilder builder)
    {
        builder.Services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(ValidationBehavior<,>)];
        });
        builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, includeInternalTypes: true);
        JsonFieldNames.UseForFluentValidation();
        return builder;
    }
}
