// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice The identifier of an initiating message (contracts-bedrock src/L2/ICrossL2Inbox.sol).
struct InteropIdentifier {
    address origin;
    uint256 blockNumber;
    uint256 logIndex;
    uint256 timestamp;
    uint256 chainId;
}

/// @title CrossL2Inbox (devnet stand-in)
/// @notice Emits the real ExecutingMessage(bytes32 indexed msgHash, Identifier id) of contracts-bedrock's CrossL2Inbox
///         (1.0.0-beta.12 and later). DEVNET STAND-IN: the real inbox only accepts an identifier that the chain's
///         op-supervisor has checked against the source chain's log (via the transaction's access list); there is no
///         op-supervisor on this devnet, so this one accepts whatever the devnet relayer says. The relayer reads the
///         identifier off the real source log, so the identifiers are true, but nothing here enforces that.
contract CrossL2Inbox {
    event ExecutingMessage(bytes32 indexed msgHash, InteropIdentifier id);

    function validateMessage(InteropIdentifier calldata _id, bytes32 _msgHash) external {
        emit ExecutingMessage(_msgHash, _id);
    }
}

/// @title L2ToL2CrossDomainMessenger (devnet stand-in)
/// @notice The message passing of contracts-bedrock src/L2/L2ToL2CrossDomainMessenger.sol with its events (SentMessage,
///         and the 2.0.0 RelayedMessage with returnDataHash) and its message hash
///         (Hashing.hashL2toL2CrossDomainMessage: keccak256(abi.encode(destination, source, nonce, sender, target, message))).
///         It is deployed at the same address on every devnet interop chain (same deployer, same nonce), as the
///         predeploy is, so an identifier's origin must be this contract's own address. Nonces are version 0
///         (encodeVersionedNonce(n, 0) = n). Not modelled: the cross-domain context transient storage, MessageExpired.
contract L2ToL2CrossDomainMessenger {
    event SentMessage(uint256 indexed destination, address indexed target, uint256 indexed messageNonce, address sender, bytes message);
    event RelayedMessage(uint256 indexed source, uint256 indexed messageNonce, bytes32 indexed messageHash, bytes32 returnDataHash);

    CrossL2Inbox public immutable inbox;
    uint256 public messageNonce;
    mapping(bytes32 => bool) public sentMessages;
    mapping(bytes32 => bool) public successfulMessages;

    constructor(CrossL2Inbox _inbox) {
        inbox = _inbox;
    }

    function hashMessage(uint256 _destination, uint256 _source, uint256 _nonce, address _sender, address _target, bytes memory _message)
        public
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(_destination, _source, _nonce, _sender, _target, _message));
    }

    function sendMessage(uint256 _destination, address _target, bytes calldata _message) external returns (bytes32) {
        require(_destination != block.chainid, "L2ToL2: message to self");
        require(_target != address(this) && _target != address(inbox), "L2ToL2: target not allowed");
        uint256 nonce = messageNonce;
        bytes32 messageHash = hashMessage(_destination, block.chainid, nonce, msg.sender, _target, _message);
        sentMessages[messageHash] = true;
        messageNonce = nonce + 1;
        emit SentMessage(_destination, _target, nonce, msg.sender, _message);
        return messageHash;
    }

    /// @param _sentMessage the SentMessage log's topics (4 words) followed by its data, as the real relayMessage takes it.
    function relayMessage(InteropIdentifier calldata _id, bytes calldata _sentMessage) external payable returns (bytes memory) {
        require(_id.origin == address(this), "L2ToL2: origin is not the messenger");
        inbox.validateMessage(_id, keccak256(_sentMessage));
        (bytes32 selector, uint256 destination, address target, uint256 nonce) =
            abi.decode(_sentMessage[:128], (bytes32, uint256, address, uint256));
        require(selector == SentMessage.selector, "L2ToL2: not a SentMessage");
        require(destination == block.chainid, "L2ToL2: wrong destination");
        (address sender, bytes memory message) = abi.decode(_sentMessage[128:], (address, bytes));
        uint256 source = _id.chainId;
        bytes32 messageHash = hashMessage(destination, source, nonce, sender, target, message);
        require(!successfulMessages[messageHash], "L2ToL2: already relayed");
        (bool success, bytes memory returnData) = target.call{ value: msg.value }(message);
        require(success, "L2ToL2: target call failed");
        successfulMessages[messageHash] = true;
        emit RelayedMessage(source, nonce, messageHash, keccak256(returnData));
        return returnData;
    }
}
