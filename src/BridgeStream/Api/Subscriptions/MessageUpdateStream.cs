namespace BridgeStream.Api.Subscriptions;

/// <summary>
/// One <c>messageUpdated</c> subscription as the observable GraphQL.NET consumes: the poller's rows that match the
/// filter. Subscribing registers with the poller (already started by <see cref="StartAsync"/>).
/// </summary>
internal sealed class MessageUpdateStream : IObservable<object?>
{
    private readonly MessageFilter filter;
    private readonly Lock gate = new();
    private readonly List<IObserver<object?>> observers = [];
    private IDisposable? listening;

    private MessageUpdateStream(MessageFilter filter) => this.filter = filter;

    public static async Task<MessageUpdateStream> StartAsync(
        MessageUpdatePoller poller, MessageFilter filter, CancellationToken cancellationToken)
    {
        var stream = new MessageUpdateStream(filter);
        stream.listening = await poller.ListenAsync(stream.OnUpdate, cancellationToken);
        return stream;
    }

    public IDisposable Subscribe(IObserver<object?> observer)
    {
        lock (gate)
        {
            observers.Add(observer);
        }

        return new Unsubscriber(this, observer);
    }

    private void OnUpdate(MessageRecord message)
    {
        if (!filter.Matches(message))
        {
            return;
        }

        IObserver<object?>[] current;
        lock (gate)
        {
            current = [.. observers];
        }

        foreach (var observer in current)
        {
            observer.OnNext(message);
        }
    }

    private void Unsubscribe(IObserver<object?> observer)
    {
        bool empty;
        lock (gate)
        {
            observers.Remove(observer);
            empty = observers.Count == 0;
        }

        if (empty)
        {
            listening?.Dispose();
        }
    }

    private sealed class Unsubscriber(MessageUpdateStream stream, IObserver<object?> observer) : IDisposable
    {
        public void Dispose() => stream.Unsubscribe(observer);
    }
}
