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
