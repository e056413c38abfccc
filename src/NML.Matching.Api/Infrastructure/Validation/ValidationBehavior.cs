using FluentValidation;
using Mediator;

namespace NML.Matching.Api.Infrastructure.Validation;

/// <summary>
/// The one pipeline behaviour that validates every command and query with its FluentValidation
/// validators before the handler runs. Failures become a 400 ValidationProblemDetails naming each field
/// (see <see cref="Errors.ProblemDetailsExceptionHandler"/>).
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            failures.AddRange(result.Errors);
        }
        if (failures.Count > 0) throw new ValidationException(failures);
        return await next(message, cancellationToken);
    }
}

/// <summary>Field names in errors follow the JSON contract: camelCase, nested with dots (<c>household.adults</c>).</summary>
public static class JsonFieldNames
{
    public static void UseForFluentValidation() =>
        ValidatorOptions.Global.PropertyNameResolver = (_, member, expression) =>
        {
            // The whole chain (household.adults), not only the last member.
            var chain = expression is null ? null : FluentValidation.Internal.PropertyChain.FromExpression(expression).ToString();
            var name = string.IsNullOrEmpty(chain) ? member?.Name : chain;
            return name is null ? null : Camel(name);
        };

    public static string Camel(string dotted) =>
        string.Join('.', dotted.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
