// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import { Origin, MessagingParams, MessagingReceipt, ILayerZeroEndpointV2Devnet } from "./LayerZeroEndpointV2.sol";
import { IHyperlaneMailboxDevnet } from "./HyperlaneMailbox.sol";
import { ICctpTransmitterV1, ICctpTransmitterV2 } from "./CircleCctp.sol";

/// @title DevnetMessagingApp (devnet)
/// @notice An application of the devnet's messaging protocols: it sends plain messages through the Hyperlane Mailbox,
///         the CCTP MessageTransmitters (v1 and v2) and the LayerZero endpoint (as an OApp with peers), and receives
///         them through each protocol's recipient interface (Hyperlane handle, CCTP handleReceiveMessage /
///         handleReceive(Un)FinalizedMessage, LayerZero lzReceive). Every body starts with a uint256 tag; the owner can
///         block a tag, and a blocked message reverts on delivery (Hyperlane process() and CCTP receiveMessage() then
///         revert as a whole; LayerZero's executor reports LzReceiveAlert), until the tag is unblocked and the delivery
///         retried. Receivers accept calls only from their protocol's contract on this chain.
contract DevnetMessagingApp {
    address public immutable owner;
    address public immutable mailbox;
    address public immutable cctpTransmitter;
    address public immutable cctpTransmitterV2;
    address public immutable lzEndpoint;

    mapping(uint256 => bool) public blocked;
    /// @notice LayerZero OApp peers: the app on each remote endpoint id.
    mapping(uint32 => bytes32) public peers;

    constructor(address _owner, address _mailbox, address _cctpTransmitter, address _cctpTransmitterV2, address _lzEndpoint) {
        owner = _owner;
        mailbox = _mailbox;
        cctpTransmitter = _cctpTransmitter;
        cctpTransmitterV2 = _cctpTransmitterV2;
        lzEndpoint = _lzEndpoint;
    }

    modifier onlyOwner() {
        require(msg.sender == owner, "DevnetMessagingApp: only owner");
        _;
    }

    function setBlocked(uint256 _tag, bool _blocked) external onlyOwner {
        blocked[_tag] = _blocked;
    }

    function setPeer(uint32 _eid, bytes32 _peer) external onlyOwner {
        peers[_eid] = _peer;
    }

    // ---- sending ----

    function dispatchHyperlane(uint32 _destination, bytes32 _recipient, bytes calldata _body) external onlyOwner returns (bytes32) {
        return IHyperlaneMailboxDevnet(mailbox).dispatch(_destination, _recipient, _body);
    }

    function sendCctp(uint32 _destinationDomain, bytes32 _recipient, bytes calldata _body) external onlyOwner returns (uint64) {
        return ICctpTransmitterV1(cctpTransmitter).sendMessage(_destinationDomain, _recipient, _body);
    }

    function sendCctpV2(uint32 _destinationDomain, bytes32 _recipient, uint32 _minFinalityThreshold, bytes calldata _body) external onlyOwner {
        ICctpTransmitterV2(cctpTransmitterV2).sendMessage(_destinationDomain, _recipient, bytes32(0), _minFinalityThreshold, _body);
    }

    function sendLayerZero(uint32 _dstEid, bytes32 _receiver, bytes calldata _message, bytes calldata _options)
        external
        payable
        onlyOwner
        returns (bytes32 guid)
    {
        MessagingReceipt memory receipt = ILayerZeroEndpointV2Devnet(lzEndpoint).send{ value: msg.value }(
            MessagingParams(_dstEid, _receiver, _message, _options, false), msg.sender
        );
        return receipt.guid;
    }

    // ---- receiving ----

    /// @notice Hyperlane IMessageRecipient.
    function handle(uint32, bytes32, bytes calldata _body) external payable {
        require(msg.sender == mailbox, "DevnetMessagingApp: not the mailbox");
        _accept(_body);
    }

    /// @notice CCTP v1 IMessageHandler.
    function handleReceiveMessage(uint32, bytes32, bytes calldata _body) external view returns (bool) {
        require(msg.sender == cctpTransmitter, "DevnetMessagingApp: not the transmitter");
        _accept(_body);
        return true;
    }

    /// @notice CCTP v2 IMessageHandlerV2.
    function handleReceiveFinalizedMessage(uint32, bytes32, uint32, bytes calldata _body) external view returns (bool) {
        require(msg.sender == cctpTransmitterV2, "DevnetMessagingApp: not the transmitter");
        _accept(_body);
        return true;
    }

    function handleReceiveUnfinalizedMessage(uint32, bytes32, uint32, bytes calldata _body) external view returns (bool) {
        require(msg.sender == cctpTransmitterV2, "DevnetMessagingApp: not the transmitter");
        _accept(_body);
        return true;
    }

    /// @notice LayerZero ILayerZeroReceiver (OAppReceiver's rules: only the endpoint, only from the peer).
    function allowInitializePath(Origin calldata _origin) external view returns (bool) {
        return peers[_origin.srcEid] == _origin.sender;
    }

    function nextNonce(uint32, bytes32) external pure returns (uint64) {
        return 0;
    }

    function lzReceive(Origin calldata _origin, bytes32, bytes calldata _message, address, bytes calldata) external payable {
        require(msg.sender == lzEndpoint, "DevnetMessagingApp: not the endpoint");
        require(peers[_origin.srcEid] == _origin.sender, "DevnetMessagingApp: not a peer");
        _accept(_message);
    }

    function _accept(bytes calldata _body) private view {
        require(_body.length >= 32, "DevnetMessagingApp: no tag");
        require(!blocked[uint256(bytes32(_body[0:32]))], "DevnetMessagingApp: blocked");
    }
}
