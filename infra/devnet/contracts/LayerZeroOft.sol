// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import { DevnetErc20 } from "./DevnetErc20.sol";
import { Origin, MessagingParams, MessagingFee, MessagingReceipt, ILayerZeroEndpointV2Devnet } from "./LayerZeroEndpointV2.sol";

// LayerZero-v2 oapp/contracts/oft/interfaces/IOFT.sol types, unchanged.
struct SendParam {
    uint32 dstEid;
    bytes32 to;
    uint256 amountLD;
    uint256 minAmountLD;
    bytes extraOptions;
    bytes composeMsg;
    bytes oftCmd;
}

struct OFTReceipt {
    uint256 amountSentLD;
    uint256 amountReceivedLD;
}

/// @title LayerZeroOft (devnet)
/// @notice Stand-in for a LayerZero-v2 OFT (oapp/contracts/oft/OFT.sol on OFTCore and OApp): an 18-decimals ERC-20 with
///         6 shared decimals. send() removes the dust, burns the sender's tokens (_debit), encodes OFTMsgCodec
///         (bytes32 sendTo ++ uint64 amountSD), sends it to the peer through the endpoint and emits
///         OFTSent(guid, dstEid, from, amountSentLD, amountReceivedLD); lzReceive (endpoint only, from the peer) mints
///         and emits OFTReceived. Differs from the real OFT: no compose messages, no enforced options (the caller's
///         extraOptions are sent as they are), no fees, no delegate; peers are set by the owner one by one as setPeer does.
contract LayerZeroOft is DevnetErc20 {
    uint8 public constant sharedDecimals = 6;
    uint256 public constant decimalConversionRate = 10 ** (18 - 6);

    ILayerZeroEndpointV2Devnet public immutable endpoint;
    address public immutable owner;
    mapping(uint32 eid => bytes32 peer) public peers;

    event PeerSet(uint32 eid, bytes32 peer);
    event OFTSent(bytes32 indexed guid, uint32 dstEid, address indexed fromAddress, uint256 amountSentLD, uint256 amountReceivedLD);
    event OFTReceived(bytes32 indexed guid, uint32 srcEid, address indexed toAddress, uint256 amountReceivedLD);

    error NoPeer(uint32 eid);
    error OnlyPeer(uint32 eid, bytes32 sender);
    error OnlyEndpoint(address addr);
    error SlippageExceeded(uint256 amountLD, uint256 minAmountLD);

    constructor(string memory _name, string memory _symbol, address _endpoint, address _owner, uint256 _initialSupply)
        DevnetErc20(_name, _symbol)
    {
        endpoint = ILayerZeroEndpointV2Devnet(_endpoint);
        owner = _owner;
        _mint(_owner, _initialSupply);
    }

    function decimals() public pure override returns (uint8) {
        return 18;
    }

    function setPeer(uint32 _eid, bytes32 _peer) external {
        require(msg.sender == owner, "LayerZeroOft: only owner");
        peers[_eid] = _peer;
        emit PeerSet(_eid, _peer);
    }

    function send(SendParam calldata _sendParam, MessagingFee calldata _fee, address _refundAddress)
        external
        payable
        returns (MessagingReceipt memory msgReceipt, OFTReceipt memory oftReceipt)
    {
        require(_sendParam.composeMsg.length == 0, "LayerZeroOft: compose messages are not supported on the devnet");
        // _debit -> _debitView: remove the dust below the shared decimals, check slippage, burn.
        uint256 amountSentLD = (_sendParam.amountLD / decimalConversionRate) * decimalConversionRate;
        uint256 amountReceivedLD = amountSentLD;
        if (amountReceivedLD < _sendParam.minAmountLD) revert SlippageExceeded(amountReceivedLD, _sendParam.minAmountLD);
        _burn(msg.sender, amountSentLD);

        bytes32 peer = peers[_sendParam.dstEid];
        if (peer == bytes32(0)) revert NoPeer(_sendParam.dstEid);
        // OFTMsgCodec.encode without compose: sendTo ++ amountSD.
        bytes memory message = abi.encodePacked(_sendParam.to, uint64(amountReceivedLD / decimalConversionRate));
        msgReceipt = endpoint.send{ value: _fee.nativeFee }(
            MessagingParams(_sendParam.dstEid, peer, message, _sendParam.extraOptions, _fee.lzTokenFee > 0), _refundAddress
        );
        oftReceipt = OFTReceipt(amountSentLD, amountReceivedLD);
        emit OFTSent(msgReceipt.guid, _sendParam.dstEid, msg.sender, amountSentLD, amountReceivedLD);
    }

    function allowInitializePath(Origin calldata _origin) external view returns (bool) {
        return peers[_origin.srcEid] == _origin.sender;
    }

    function nextNonce(uint32, bytes32) external pure returns (uint64) {
        return 0;
    }

    function lzReceive(Origin calldata _origin, bytes32 _guid, bytes calldata _message, address, bytes calldata) external payable {
        if (msg.sender != address(endpoint)) revert OnlyEndpoint(msg.sender);
        if (peers[_origin.srcEid] != _origin.sender) revert OnlyPeer(_origin.srcEid, _origin.sender);
        address toAddress = address(uint160(uint256(bytes32(_message[0:32]))));
        uint256 amountReceivedLD = uint256(uint64(bytes8(_message[32:40]))) * decimalConversionRate;
        if (toAddress == address(0)) toAddress = address(0xdead);
        _mint(toAddress, amountReceivedLD);
        emit OFTReceived(_guid, _origin.srcEid, toAddress, amountReceivedLD);
    }
}
