// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

// Types of LayerZero-v2 protocol/contracts/interfaces/ILayerZeroEndpointV2.sol, unchanged.
struct Origin {
    uint32 srcEid;
    bytes32 sender;
    uint64 nonce;
}

struct MessagingParams {
    uint32 dstEid;
    bytes32 receiver;
    bytes message;
    bytes options;
    bool payInLzToken;
}

struct MessagingFee {
    uint256 nativeFee;
    uint256 lzTokenFee;
}

struct MessagingReceipt {
    bytes32 guid;
    uint64 nonce;
    MessagingFee fee;
}

/// @dev messagelib/contracts/interfaces/IExecutor.sol's ExecutionParams.
struct ExecutionParams {
    address receiver;
    Origin origin;
    bytes32 guid;
    bytes message;
    bytes extraData;
    uint256 gasLimit;
}

interface ILayerZeroReceiver {
    function allowInitializePath(Origin calldata _origin) external view returns (bool);

    function nextNonce(uint32 _eid, bytes32 _sender) external view returns (uint64);

    function lzReceive(Origin calldata _origin, bytes32 _guid, bytes calldata _message, address _executor, bytes calldata _extraData)
        external
        payable;
}

interface ILayerZeroEndpointV2Devnet {
    function eid() external view returns (uint32);

    function send(MessagingParams calldata _params, address _refundAddress) external payable returns (MessagingReceipt memory);

    function lzReceive(Origin calldata _origin, address _receiver, bytes32 _guid, bytes calldata _message, bytes calldata _extraData)
        external
        payable;

    function lzReceiveAlert(
        Origin calldata _origin,
        address _receiver,
        bytes32 _guid,
        uint256 _gas,
        uint256 _value,
        bytes calldata _message,
        bytes calldata _extraData,
        bytes calldata _reason
    ) external;
}

/// @title LayerZeroEndpointV2 (devnet)
/// @notice Stand-in for LayerZero-v2 protocol/contracts/EndpointV2.sol (+ MessagingChannel): the same events with the
///         same layouts (PacketSent, PacketVerified, PacketDelivered, LzReceiveAlert), the same outbound nonces per
///         (sender, dstEid, receiver), GUID.generate, PacketV1Codec.encode, and the same inbound rules: verify stores the
///         payload hash (keccak256(guid ++ message)), lzReceive clears it in nonce order (every earlier nonce of the
///         pathway must be verified, EndpointV2._clearPayload) before calling the receiver, and reverts with the real
///         LZ_* errors.
///         Differs from the real endpoint: there are no message libraries: send() encodes the packet itself and names
///         this endpoint as the send library in PacketSent, charges no fee (MessagingFee is always zero, any value sent
///         is refunded) and ignores the options it echoes; verify() may only be called by one devnet account standing in
///         for ReceiveUln302 after its DVNs (the real endpoint asks the OApp's configured receive library). No lzToken,
///         no compose, no skip / clear / nilify / burn, no delegates.
contract LayerZeroEndpointV2 {
    bytes32 public constant EMPTY_PAYLOAD_HASH = bytes32(0);
    bytes32 public constant NIL_PAYLOAD_HASH = bytes32(type(uint256).max);

    uint32 public immutable eid;
    /// @notice The devnet account that commits DVN verifications (the real endpoint's "receive library").
    address public immutable receiveLibrary;

    mapping(address receiver => mapping(uint32 srcEid => mapping(bytes32 sender => uint64 nonce))) public lazyInboundNonce;
    mapping(address receiver => mapping(uint32 srcEid => mapping(bytes32 sender => mapping(uint64 inboundNonce => bytes32 payloadHash))))
        public inboundPayloadHash;
    mapping(address sender => mapping(uint32 dstEid => mapping(bytes32 receiver => uint64 nonce))) public outboundNonce;

    event PacketSent(bytes encodedPayload, bytes options, address sendLibrary);
    event PacketVerified(Origin origin, address receiver, bytes32 payloadHash);
    event PacketDelivered(Origin origin, address receiver);
    event LzReceiveAlert(
        address indexed receiver,
        address indexed executor,
        Origin origin,
        bytes32 guid,
        uint256 gas,
        uint256 value,
        bytes message,
        bytes extraData,
        bytes reason
    );

    error LZ_LzTokenUnavailable();
    error LZ_InvalidReceiveLibrary();
    error LZ_PathNotInitializable();
    error LZ_PathNotVerifiable();
    error LZ_InvalidPayloadHash();
    error LZ_InvalidNonce(uint64 nonce);
    error LZ_PayloadHashNotFound(bytes32 expected, bytes32 actual);

    constructor(uint32 _eid, address _receiveLibrary) {
        eid = _eid;
        receiveLibrary = _receiveLibrary;
    }

    function send(MessagingParams calldata _params, address _refundAddress) external payable returns (MessagingReceipt memory) {
        if (_params.payInLzToken) revert LZ_LzTokenUnavailable();
        uint64 nonce;
        unchecked {
            nonce = ++outboundNonce[msg.sender][_params.dstEid][_params.receiver];
        }
        bytes32 sender = bytes32(uint256(uint160(msg.sender)));
        // GUID.generate
        bytes32 guid = keccak256(abi.encodePacked(nonce, eid, sender, _params.dstEid, _params.receiver));
        // PacketV1Codec.encode: header (version 1, nonce, srcEid, sender, dstEid, receiver), then guid and message.
        bytes memory encodedPacket =
            abi.encodePacked(abi.encodePacked(uint8(1), nonce, eid, sender, _params.dstEid, _params.receiver), guid, _params.message);
        emit PacketSent(encodedPacket, _params.options, address(this));
        if (msg.value > 0) {
            (bool refunded,) = _refundAddress.call{ value: msg.value }("");
            require(refunded, "LayerZeroEndpointV2: refund failed");
        }
        return MessagingReceipt(guid, nonce, MessagingFee(0, 0));
    }

    function verify(Origin calldata _origin, address _receiver, bytes32 _payloadHash) external {
        if (msg.sender != receiveLibrary) revert LZ_InvalidReceiveLibrary();
        uint64 lazyNonce = lazyInboundNonce[_receiver][_origin.srcEid][_origin.sender];
        if (lazyNonce == 0 && !ILayerZeroReceiver(_receiver).allowInitializePath(_origin)) revert LZ_PathNotInitializable();
        if (_origin.nonce <= lazyNonce && inboundPayloadHash[_receiver][_origin.srcEid][_origin.sender][_origin.nonce] == EMPTY_PAYLOAD_HASH) {
            revert LZ_PathNotVerifiable();
        }
        if (_payloadHash == EMPTY_PAYLOAD_HASH) revert LZ_InvalidPayloadHash();
        inboundPayloadHash[_receiver][_origin.srcEid][_origin.sender][_origin.nonce] = _payloadHash;
        emit PacketVerified(_origin, _receiver, _payloadHash);
    }

    function lzReceive(Origin calldata _origin, address _receiver, bytes32 _guid, bytes calldata _message, bytes calldata _extraData)
        external
        payable
    {
        _clearPayload(_receiver, _origin.srcEid, _origin.sender, _origin.nonce, abi.encodePacked(_guid, _message));
        ILayerZeroReceiver(_receiver).lzReceive{ value: msg.value }(_origin, _guid, _message, msg.sender, _extraData);
        emit PacketDelivered(_origin, _receiver);
    }

    function lzReceiveAlert(
        Origin calldata _origin,
        address _receiver,
        bytes32 _guid,
        uint256 _gas,
        uint256 _value,
        bytes calldata _message,
        bytes calldata _extraData,
        bytes calldata _reason
    ) external {
        emit LzReceiveAlert(_receiver, msg.sender, _origin, _guid, _gas, _value, _message, _extraData, _reason);
    }

    /// @notice MessagingChannel.inboundNonce: the end of the gapless run of verified nonces after the lazy nonce.
    function inboundNonce(address _receiver, uint32 _srcEid, bytes32 _sender) public view returns (uint64) {
        uint64 nonceCursor = lazyInboundNonce[_receiver][_srcEid][_sender];
        unchecked {
            while (inboundPayloadHash[_receiver][_srcEid][_sender][nonceCursor + 1] != EMPTY_PAYLOAD_HASH) {
                ++nonceCursor;
            }
        }
        return nonceCursor;
    }

    /// @notice EndpointV2.executable, which executors ask before executing: 0 NotExecutable, 2 Executable, 3 Executed.
    function executable(Origin calldata _origin, address _receiver) external view returns (uint8) {
        bytes32 payloadHash = inboundPayloadHash[_receiver][_origin.srcEid][_origin.sender][_origin.nonce];
        if (payloadHash == EMPTY_PAYLOAD_HASH && _origin.nonce <= lazyInboundNonce[_receiver][_origin.srcEid][_origin.sender]) {
            return 3;
        }
        if (payloadHash != NIL_PAYLOAD_HASH && _origin.nonce <= inboundNonce(_receiver, _origin.srcEid, _origin.sender)) {
            return 2;
        }
        return 0;
    }

    function nextGuid(address _sender, uint32 _dstEid, bytes32 _receiver) external view returns (bytes32) {
        uint64 nextNonce = outboundNonce[_sender][_dstEid][_receiver] + 1;
        return keccak256(abi.encodePacked(nextNonce, eid, bytes32(uint256(uint160(_sender))), _dstEid, _receiver));
    }

    function _clearPayload(address _receiver, uint32 _srcEid, bytes32 _sender, uint64 _nonce, bytes memory _payload) internal {
        uint64 currentNonce = lazyInboundNonce[_receiver][_srcEid][_sender];
        if (_nonce > currentNonce) {
            unchecked {
                for (uint64 i = currentNonce + 1; i <= _nonce; ++i) {
                    if (inboundPayloadHash[_receiver][_srcEid][_sender][i] == EMPTY_PAYLOAD_HASH) revert LZ_InvalidNonce(i);
                }
                lazyInboundNonce[_receiver][_srcEid][_sender] = _nonce;
            }
        }
        bytes32 actualHash = keccak256(_payload);
        bytes32 expectedHash = inboundPayloadHash[_receiver][_srcEid][_sender][_nonce];
        if (expectedHash != actualHash) revert LZ_PayloadHashNotFound(expectedHash, actualHash);
        delete inboundPayloadHash[_receiver][_srcEid][_sender][_nonce];
    }
}

/// @title LayerZeroExecutor (devnet)
/// @notice Stand-in for LayerZero-v2 messagelib/contracts/Executor.sol's execute302: calls the endpoint's lzReceive with
///         the packet's gas limit and, when that reverts, reports it with the endpoint's lzReceiveAlert (so the failed
///         attempt is on chain as LzReceiveAlert, executor = this contract); the packet stays verified and can be
///         executed again. Only its admin (the devnet executor account) may call it; no fees, no native drops.
contract LayerZeroExecutor {
    ILayerZeroEndpointV2Devnet public immutable endpoint;
    address public immutable admin;

    constructor(address _endpoint, address _admin) {
        endpoint = ILayerZeroEndpointV2Devnet(_endpoint);
        admin = _admin;
    }

    function execute302(ExecutionParams calldata _executionParams) external payable {
        require(msg.sender == admin, "LayerZeroExecutor: only admin");
        try endpoint.lzReceive{ value: msg.value, gas: _executionParams.gasLimit }(
            _executionParams.origin, _executionParams.receiver, _executionParams.guid, _executionParams.message, _executionParams.extraData
        ) {
            // delivered: the endpoint emitted PacketDelivered
        } catch (bytes memory reason) {
            endpoint.lzReceiveAlert(
                _executionParams.origin,
                _executionParams.receiver,
                _executionParams.guid,
                _executionParams.gasLimit,
                msg.value,
                _executionParams.message,
                _executionParams.extraData,
                reason
            );
        }
    }
}
