using BridgeStream.Api.Scalars;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation.Complexity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BridgeStream.Api.Alerts;

/// <summary>
/// The alerting's part of the API, added to the Query and Subscription roots with one call each (so the roots' own
/// files stay as they are): <c>alerts(...)</c> and <c>alertChanged(...)</c>.
/// </summary>
public static class AlertFields
{
    public const int DefaultPageSize = 50;

    public static IServiceCollection AddBridgeStreamAlertApi(this IServiceCollection services)
    {
        services.TryAddSingleton<AlertQueries>();
        services.TryAddSingleton<AlertChangePoller>();
        return services;
    }

    public static void AddAlertQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<AlertConnectionGraphType>>("alerts")
            .Description("Alerts as of their latest change, newest episode first; every argument is optional and they combine with AND.")
            .Argument<AlertStateGraphType>("state")
            .Argument<AlertSeverityGraphType>("severity")
            .Argument<AlertRouteInputGraphType>("route", a => a.Description = "Message and route alerts of this source and/or destination chain.")
            .Argument<StringGraphType>("rule", a => a.Description = "The rule's id.")
            .Argument<AlertRuleTypeGraphType>("ruleType")
            .Argument<LongScalarGraphType>("chainId", a => a.Description = "Chain alerts of this chain.")
            .Argument<IdGraphType>("messageId")
            .Argument<IntGraphType>("first", a => a.DefaultValue = DefaultPageSize)
            .Argument<StringGraphType>("after")
            .WithComplexityImpact(context => new FieldComplexityResult(1, Math.Clamp(context.GetArgument("first", DefaultPageSize), 1, AlertQueries.MaxPageSize)))
            .ResolveAsync(async context =>
            {
                var first = context.GetArgument<int?>("first") ?? DefaultPageSize;
                if (first is < 1 or > AlertQueries.MaxPageSize)
                {
                    throw new ExecutionError($"Argument 'first' must be between 1 and {AlertQueries.MaxPageSize}; got {first}.") { Code = "BAD_FIRST" };
                }

                (long, string)? after = null;
                if (context.GetArgument<string?>("after") is { } text)
                {
                    after = AlertQueries.TryDecodeCursor(text, out var cursor)
                        ? cursor
                        : throw new ExecutionError("Argument 'after' is not a cursor returned by this API.") { Code = "BAD_CURSOR" };
                }

                return await Queries(context).ListAsync(Filter(context), first, after, context.CancellationToken);
            });
    }

    public static void AddAlertSubscriptions(this ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<AlertChangeGraphType>>("alertChanged")
            .Description("Each state change of an alert matching the arguments (pending, firing, resolved), within a few hundred milliseconds of its record.")
            .Argument<AlertStateGraphType>("state")
            .Argument<AlertSeverityGraphType>("severity")
            .Argument<AlertRouteInputGraphType>("route")
            .Argument<StringGraphType>("rule")
            .Argument<AlertRuleTypeGraphType>("ruleType")
            .Argument<LongScalarGraphType>("chainId")
            .Argument<IdGraphType>("messageId")
            .Resolve(context => context.Source)
            .ResolveStreamAsync(async context =>
            {
                var poller = context.RequestServices!.GetRequiredService<AlertChangePoller>();
                return await AlertChangeStream.StartAsync(poller, Filter(context), context.CancellationToken);
            });
    }

    private static AlertQueries Queries(IResolveFieldContext context) =>
        (context.RequestServices ?? throw new InvalidOperationException("ExecutionOptions.RequestServices is not set.")).GetRequiredService<AlertQueries>();

    private static AlertFilter Filter(IResolveFieldContext context)
    {
        var route = context.GetArgument<AlertRoute?>("route");
        var chainId = context.GetArgument<long?>("chainId");
        if (route?.SourceChainId < 0 || route?.DestinationChainId < 0 || chainId < 0)
        {
            throw new ExecutionError("Chain ids must not be negative.") { Code = "BAD_FILTER" };
        }

        return new AlertFilter(
            context.GetArgument<string?>("state"), context.GetArgument<string?>("severity"), context.GetArgument<string?>("rule"),
            context.GetArgument<string?>("ruleType"), route?.SourceChainId, route?.DestinationChainId, chainId, context.GetArgument<string?>("messageId"));
    }
}
