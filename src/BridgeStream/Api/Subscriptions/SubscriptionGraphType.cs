using BridgeStream.Api.Alerts;
using GraphQL;
using GraphQL.Types;

namespace BridgeStream.Api.Subscriptions;

/// <summary>The GraphQL <c>Subscription</c> root: <c>messageUpdated</c>.</summary>
public sealed class SubscriptionGraphType : ObjectGraphType
{
    public SubscriptionGraphType()
    {
        Name = "Subscription";
        Field<NonNullGraphType<MessageGraphType>>("messageUpdated")
            .Description("Each new version of a message matching the filter, within a few hundred milliseconds of its write.")
            .Argument<MessageFilterInputGraphType>("filter")
            .Resolve(context => context.Source)
            .ResolveStreamAsync(async context =>
            {
                var filter = QueryGraphType.ValidFilter(context);
                var poller = context.RequestServices!.GetRequiredService<MessageUpdatePoller>();
                return await MessageUpdateStream.StartAsync(poller, filter, context.CancellationToken);
            });
        this.AddAlertSubscriptions();
    }
}
