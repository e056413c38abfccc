using FluentValidation;

namespace NML.Matching.Api.Infrastructure.Validation;

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
