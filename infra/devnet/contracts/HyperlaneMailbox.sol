// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import { DevnetErc20 } from "./DevnetErc20.sol";

/// @dev hyperlane-monorepo solidity/contracts/interfaces/IMessageRecipient.sol
interface IHyperlaneMessageRecipient {
    function handle(uint32 _origin, bytes32 _sender, bytes calldata _message) external payable;
}

interface IHyperlaneMailboxDevnet {
    function localDomain() external view returns (uint32);

    function dispatch(uint32 _destinationDomain, bytes32 _recipientAddress, bytes calldata _messageBody) external payable returns (bytes32);
}

/// @title HyperlaneMailbox (devnet)
/// @notice Stand-in for the Hyperlane v3 Mailbox (hyperlane-monorepo solidity/contracts/Mailbox.sol): dispatch() packs
///         the real message (libs/Message.sol formatMessage: version 3, nonce, localDomain, sender, destination,
///         recipient, body), takes keccak256 of it as the message id, increments the nonce and emits
///         Dispatch(sender, destination, recipient, message) then DispatchId(id); process() checks version and
///         destination, refuses a delivered id, records the delivery, emits Process(origin, sender, recipient) then
///         ProcessId(id) and calls recipient.handle(origin, sender, body): when the recipient reverts, the whole
///         process() reverts and the message stays undelivered, as on mainnet.
///         Differs from the real Mailbox: no post-dispatch hooks (no merkle tree insertion, no interchain gas payment;
///         any value sent must be zero), and no ISM: the security module's verify() is replaced by "only the devnet
///         relayer may process" (the relayer read the Dispatch on the origin chain). The ISM check sits where the real
///         one does, after the Process events.
contract HyperlaneMailbox {
    uint8 public constant VERSION = 3;

    uint32 public immutable localDomain;
    /// @notice Stand-in for the interchain security module: the devnet relayer.
    address public immutable relayer;

    uint32 public nonce;
    bytes32 public latestDispatchedId;

    struct Delivery {
        address processor;
        uint48 blockNumber;
    }

    mapping(bytes32 => Delivery) internal deliveries;

    event Dispatch(address indexed sender, uint32 indexed destination, bytes32 indexed recipient, bytes message);
    event DispatchId(bytes32 indexed messageId);
    event Process(uint32 indexed origin, bytes32 indexed sender, address indexed recipient);
    event ProcessId(bytes32 indexed messageId);

    constructor(uint32 _localDomain, address _relayer) {
        localDomain = _localDomain;
        relayer = _relayer;
    }

    function dispatch(uint32 _destinationDomain, bytes32 _recipientAddress, bytes calldata _messageBody)
        external
        payable
        returns (bytes32)
    {
        require(msg.value == 0, "Mailbox: the devnet has no interchain gas payment");
        bytes memory message = abi.encodePacked(
            VERSION, nonce, localDomain, bytes32(uint256(uint160(msg.sender))), _destinationDomain, _recipientAddress, _messageBody
        );
        bytes32 id = keccak256(message);
        latestDispatchedId = id;
        nonce += 1;
        emit Dispatch(msg.sender, _destinationDomain, _recipientAddress, message);
        emit DispatchId(id);
        return id;
    }

    function delivered(bytes32 _id) public view returns (bool) {
        return deliveries[_id].blockNumber > 0;
    }

    function processor(bytes32 _id) external view returns (address) {
        return deliveries[_id].processor;
    }

    function process(bytes calldata, bytes calldata _message) external payable {
        require(_message.length >= 77, "Mailbox: message too short");
        require(uint8(_message[0]) == VERSION, "Mailbox: bad version");
        require(uint32(bytes4(_message[41:45])) == localDomain, "Mailbox: unexpected destination");
        bytes32 id = keccak256(_message);
        require(!delivered(id), "Mailbox: already delivered");
        address recipient = address(uint160(uint256(bytes32(_message[45:77]))));
        uint32 origin = uint32(bytes4(_message[5:9]));
        bytes32 sender = bytes32(_message[9:41]);

        deliveries[id] = Delivery({ processor: msg.sender, blockNumber: uint48(block.number) });
        emit Process(origin, sender, recipient);
        emit ProcessId(id);

        require(msg.sender == relayer, "Mailbox: ISM verification failed");
        IHyperlaneMessageRecipient(recipient).handle{ value: msg.value }(origin, sender, _message[77:]);
    }
}

/// @title HyperlaneHypERC20 (devnet)
/// @notice Stand-in for a synthetic Hyperlane warp route (solidity/contracts/token/HypERC20.sol on TokenRouter): the
///         router is the token. transferRemote burns the sender's tokens, emits SentTransferRemote(destination,
///         recipient, amount) and dispatches the TokenMessage (libs/TokenMessage.sol: recipient ++ amount ++ metadata,
///         no metadata here) to the enrolled router of the destination; handle (Mailbox only, from the enrolled router)
///         emits ReceivedTransferRemote and mints. Differs from the real router: no gas router / hook configuration, no
///         scale (1:1), no fees; the owner enrolls routers as enrollRemoteRouters does.
contract HyperlaneHypERC20 is DevnetErc20 {
    IHyperlaneMailboxDevnet public immutable mailbox;
    address public immutable owner;
    uint32 public immutable localDomain;
    mapping(uint32 => bytes32) public routers;

    event SentTransferRemote(uint32 indexed destination, bytes32 indexed recipient, uint256 amountOrId);
    event ReceivedTransferRemote(uint32 indexed origin, bytes32 indexed recipient, uint256 amountOrId);

    constructor(string memory _name, string memory _symbol, address _mailbox, address _owner, uint256 _initialSupply)
        DevnetErc20(_name, _symbol)
    {
        mailbox = IHyperlaneMailboxDevnet(_mailbox);
        owner = _owner;
        localDomain = IHyperlaneMailboxDevnet(_mailbox).localDomain();
        _mint(_owner, _initialSupply);
    }

    function decimals() public pure override returns (uint8) {
        return 18;
    }

    function enrollRemoteRouters(uint32[] calldata _domains, bytes32[] calldata _addresses) external {
        require(msg.sender == owner, "Ownable: caller is not the owner");
        require(_domains.length == _addresses.length, "!length");
        for (uint256 i = 0; i < _domains.length; i++) {
            routers[_domains[i]] = _addresses[i];
        }
    }

    function transferRemote(uint32 _destination, bytes32 _recipient, uint256 _amountOrId) external payable returns (bytes32 messageId) {
        _burn(msg.sender, _amountOrId);
        emit SentTransferRemote(_destination, _recipient, _amountOrId);
        bytes32 router = routers[_destination];
        require(router != bytes32(0), "No router enrolled for domain");
        messageId = mailbox.dispatch{ value: msg.value }(_destination, router, abi.encodePacked(_recipient, _amountOrId));
    }

    function handle(uint32 _origin, bytes32 _sender, bytes calldata _message) external payable {
        require(msg.sender == address(mailbox), "MailboxClient: sender not mailbox");
        require(routers[_origin] != bytes32(0), "No router enrolled for domain");
        require(routers[_origin] == _sender, "Enrolled router does not match sender");
        bytes32 recipient = bytes32(_message[0:32]);
        uint256 amount = uint256(bytes32(_message[32:64]));
        emit ReceivedTransferRemote(_origin, recipient, amount);
        _mint(address(uint160(uint256(recipient))), amount);
    }
}
