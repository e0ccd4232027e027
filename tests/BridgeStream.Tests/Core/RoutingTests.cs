using BridgeStream.Core.Decoding;
using BridgeStream.Core.Events;
using BridgeStream.Core.Primitives;
using BridgeStream.Core.Protocols;
using BridgeStream.Core.Protocols.OpStack;
using BridgeStream.Core.Protocols.Scroll;
using static BridgeStream.Tests.Core.SyntheticLogs;

namespace BridgeStream.Tests.Core;

/// <summary>Logs go to the decoders of their emitter's protocols: Scroll's and OP's RelayedMessage(bytes32) share topic0.</summary>
public sealed class RoutingTests
{
    private static readonly BridgeLogDecoder Decoder = ProtocolCatalog.CreateDecoder();

    [Fact]
    public void A_relay_from_scrolls_messenger_is_a_scroll_relay_only()
    {
        var sink = Decode(ScrollDeployments.ScrollChainId, Relay(ScrollDeployments.ScrollChainId, ScrollDeployments.L2ScrollMessenger));
        Assert.Equal(Protocol.ScrollMessenger, Assert.Single(sink.Events).Protocol);
    }

    [Fact]
    public void A_relay_from_the_op_messenger_is_an_op_relay_only()
    {
        var sink = Decode(10, Relay(10, OpStackMessengerModule.L2Messenger));
        Assert.Equal(Protocol.OpStackMessenger, Assert.Single(sink.Events).Protocol);
    }

    [Fact]
    public void A_configured_contract_routes_like_a_mainnet_one_and_an_unknown_emitter_reaches_every_decoder_claiming_the_topic()
    {
        var devnetScroll = AddressOf(0x51);
        var configured = ContractDirectory.Merge([new BridgeContract(904, devnetScroll, ScrollModule.L2Kind, Protocol.ScrollMessenger, 900)], ProtocolCatalog.MainnetContracts.All);
        var sink = new CollectingSink();
        Decoder.Decode([Relay(904, devnetScroll)], new DecodeContext(904, configured, 0), sink);
        Assert.Equal(Protocol.ScrollMessenger, Assert.Single(sink.Events).Protocol);

        // Unknown: the Scroll decoder only claims relays of Scroll messengers, so the OP reading is the one left.
        var unknown = Decode(904, Relay(904, AddressOf(0x52)));
        Assert.Equal(Protocol.OpStackMessenger, Assert.Single(unknown.Events).Protocol);
    }

    [Fact]
    public void The_portal_serves_deposits_and_withdrawals()
    {
        var mask = ProtocolCatalog.MainnetContracts.ProtocolsOf(1, BridgeStream.Core.Protocols.OpStackPortal.OpStackPortalContracts.OpMainnetPortal);
        Assert.True(ProtocolMask.Contains(mask, Protocol.OpStackPortal));
        Assert.True(ProtocolMask.Contains(mask, Protocol.OpStackWithdrawal));
        Assert.False(ProtocolMask.Contains(mask, Protocol.OpStackMessenger));
    }

    private static CollectingSink Decode(ulong chainId, RawLog log)
    {
        var sink = new CollectingSink();
        Decoder.Decode([log], new DecodeContext(chainId, ProtocolCatalog.MainnetContracts, 0), sink);
        return sink;
    }

    private static RawLog Relay(ulong chainId, Address emitter) => Log(chainId, emitter, 0, [OpStackSignatures.RelayedMessage, Word(99)], []);
}
