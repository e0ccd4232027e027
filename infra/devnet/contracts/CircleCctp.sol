// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import { DevnetErc20 } from "./DevnetErc20.sol";

// Stand-ins for Circle's CCTP (circlefin/evm-cctp-contracts): MessageTransmitter / TokenMessenger (v1) and
// MessageTransmitterV2 / TokenMessengerV2 (v2), with a USDC-like token. The devnet runs them at the mainnet addresses
// (anvil_setCode), so they have no constructor state there: everything a copy needs is immutable (in the runtime code),
// and the rest is configured afterwards through the owner functions the real contracts have.
// Common differences from the real contracts: one attester with a threshold of one (its 65-byte ECDSA signature over
// keccak256(message) is checked as Attestable does), no pausing, rescuing, denylist, burn limits or role management,
// and the TokenMinter is folded into the TokenMessenger (linkTokenPair lives there).

interface ICctpMintBurnToken {
    function transferFrom(address _from, address _to, uint256 _value) external returns (bool);

    function mint(address _to, uint256 _amount) external returns (bool);

    function burn(uint256 _amount) external;
}

/// @dev IMessageHandler (v1).
interface ICctpMessageHandler {
    function handleReceiveMessage(uint32 _sourceDomain, bytes32 _sender, bytes calldata _messageBody) external returns (bool);
}

/// @dev IMessageHandlerV2.
interface ICctpMessageHandlerV2 {
    function handleReceiveFinalizedMessage(uint32 _sourceDomain, bytes32 _sender, uint32 _finalityThresholdExecuted, bytes calldata _messageBody)
        external
        returns (bool);

    function handleReceiveUnfinalizedMessage(uint32 _sourceDomain, bytes32 _sender, uint32 _finalityThresholdExecuted, bytes calldata _messageBody)
        external
        returns (bool);
}

interface ICctpTransmitterV1 {
    function sendMessage(uint32 _destinationDomain, bytes32 _recipient, bytes calldata _messageBody) external returns (uint64);
}

interface ICctpTransmitterV2 {
    function sendMessage(uint32 _destinationDomain, bytes32 _recipient, bytes32 _destinationCaller, uint32 _minFinalityThreshold, bytes calldata _messageBody)
        external;
}

/// @notice Attestable._verifyAttestationSignatures with one attester: OpenZeppelin ECDSA.recover rules (65 bytes,
///         lower-half s, v of 27 or 28) over keccak256(message).
library CctpAttestation {
    function verify(bytes calldata _message, bytes calldata _attestation, address _attester) internal pure {
        require(_attestation.length == 65, "Invalid attestation length");
        bytes32 r = bytes32(_attestation[0:32]);
        bytes32 s = bytes32(_attestation[32:64]);
        uint8 v = uint8(_attestation[64]);
        require(uint256(s) <= 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0, "ECDSA: invalid signature 's' value");
        require(v == 27 || v == 28, "ECDSA: invalid signature 'v' value");
        address signer = ecrecover(keccak256(_message), v, r, s);
        require(signer != address(0), "ECDSA: invalid signature");
        require(signer == _attester, "Invalid signature: not attester");
    }
}

/// @title DevnetUsdc (devnet)
/// @notice A USDC-like token (6 decimals) with FiatToken's minter model: the master minter configures minters (the
///         TokenMessengers), a minter mints, and burn() burns the minter's own balance.
contract DevnetUsdc is DevnetErc20 {
    address public immutable masterMinter;
    mapping(address => bool) public isMinter;

    event MinterConfigured(address indexed minter, uint256 minterAllowedAmount);
    event Mint(address indexed minter, address indexed to, uint256 amount);
    event Burn(address indexed burner, uint256 amount);

    constructor(address _masterMinter) DevnetErc20("USD Coin (devnet)", "USDC") {
        masterMinter = _masterMinter;
        isMinter[_masterMinter] = true;
    }

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function configureMinter(address _minter) external returns (bool) {
        require(msg.sender == masterMinter, "FiatToken: caller is not the masterMinter");
        isMinter[_minter] = true;
        emit MinterConfigured(_minter, type(uint256).max);
        return true;
    }

    function mint(address _to, uint256 _amount) external returns (bool) {
        require(isMinter[msg.sender], "FiatToken: caller is not a minter");
        require(_amount > 0, "FiatToken: mint amount not greater than 0");
        _mint(_to, _amount);
        emit Mint(msg.sender, _to, _amount);
        return true;
    }

    function burn(uint256 _amount) external {
        require(isMinter[msg.sender], "FiatToken: caller is not a minter");
        require(_amount > 0, "FiatToken: burn amount not greater than 0");
        _burn(msg.sender, _amount);
        emit Burn(msg.sender, _amount);
    }
}

/// @title CctpMessageTransmitter (devnet, CCTP v1)
/// @notice MessageTransmitter.sol: sendMessage reserves the next nonce of the destination domain (availableNonces),
///         formats the v1 message (Message.sol: version, sourceDomain, destinationDomain, uint64 nonce, sender,
///         recipient, destinationCaller, body) and emits MessageSent(message); receiveMessage checks the attestation,
///         the destination domain and caller, marks keccak256(abi.encodePacked(sourceDomain, nonce)) in usedNonces,
///         calls recipient.handleReceiveMessage (a false or revert reverts everything: no event) and emits
///         MessageReceived(caller, sourceDomain, nonce, sender, messageBody).
contract CctpMessageTransmitter {
    uint256 public constant maxMessageBodySize = 8192;

    uint32 public immutable localDomain;
    uint32 public immutable version;
    address public immutable attester;

    mapping(uint32 => uint64) public availableNonces;
    mapping(bytes32 => bool) public usedNonces;

    event MessageSent(bytes message);
    event MessageReceived(address indexed caller, uint32 sourceDomain, uint64 indexed nonce, bytes32 sender, bytes messageBody);

    constructor(uint32 _localDomain, address _attester) {
        localDomain = _localDomain;
        version = 0;
        attester = _attester;
    }

    function sendMessage(uint32 _destinationDomain, bytes32 _recipient, bytes calldata _messageBody) external returns (uint64) {
        return _send(_destinationDomain, _recipient, bytes32(0), _messageBody);
    }

    function sendMessageWithCaller(uint32 _destinationDomain, bytes32 _recipient, bytes32 _destinationCaller, bytes calldata _messageBody)
        external
        returns (uint64)
    {
        require(_destinationCaller != bytes32(0), "Destination caller must be nonzero");
        return _send(_destinationDomain, _recipient, _destinationCaller, _messageBody);
    }

    function receiveMessage(bytes calldata _message, bytes calldata _attestation) external returns (bool success) {
        CctpAttestation.verify(_message, _attestation, attester);
        require(_message.length >= 116, "Invalid message length");
        require(uint32(bytes4(_message[0:4])) == version, "Invalid message version");
        require(uint32(bytes4(_message[8:12])) == localDomain, "Invalid destination domain");
        bytes32 destinationCaller = bytes32(_message[84:116]);
        if (destinationCaller != bytes32(0)) {
            require(destinationCaller == bytes32(uint256(uint160(msg.sender))), "Invalid caller for message");
        }

        uint32 sourceDomain = uint32(bytes4(_message[4:8]));
        uint64 nonce = uint64(bytes8(_message[12:20]));
        bytes32 sourceAndNonce = keccak256(abi.encodePacked(sourceDomain, nonce));
        require(!usedNonces[sourceAndNonce], "Nonce already used");
        usedNonces[sourceAndNonce] = true;

        bytes32 sender = bytes32(_message[20:52]);
        address recipient = address(uint160(uint256(bytes32(_message[52:84]))));
        require(ICctpMessageHandler(recipient).handleReceiveMessage(sourceDomain, sender, _message[116:]), "handleReceiveMessage() failed");
        emit MessageReceived(msg.sender, sourceDomain, nonce, sender, _message[116:]);
        return true;
    }

    function _send(uint32 _destinationDomain, bytes32 _recipient, bytes32 _destinationCaller, bytes calldata _messageBody)
        private
        returns (uint64 nonce)
    {
        require(_messageBody.length <= maxMessageBodySize, "Message body exceeds max size");
        require(_recipient != bytes32(0), "Recipient must be nonzero");
        nonce = availableNonces[_destinationDomain];
        availableNonces[_destinationDomain] = nonce + 1;
        emit MessageSent(
            abi.encodePacked(
                version, localDomain, _destinationDomain, nonce, bytes32(uint256(uint160(msg.sender))), _recipient, _destinationCaller, _messageBody
            )
        );
    }
}

/// @title CctpTokenMessenger (devnet, CCTP v1)
/// @notice TokenMessenger.sol (+ TokenMinter): depositForBurn takes the tokens, burns them, formats the BurnMessage
///         (BurnMessage.sol: version, burnToken, mintRecipient, amount, messageSender; 132 bytes), sends it to the remote
///         TokenMessenger through the local MessageTransmitter and emits DepositForBurn; handleReceiveMessage (local
///         transmitter only, from the registered remote TokenMessenger) mints the linked local token and emits
///         MintAndWithdraw.
contract CctpTokenMessenger {
    address public immutable localMessageTransmitter;
    uint32 public immutable messageBodyVersion;
    address public immutable owner;
    /// @notice The devnet's one burn token on this chain (devnet-only getter: the real TokenMinter maps any number).
    address public immutable localToken;

    mapping(uint32 => bytes32) public remoteTokenMessengers;
    /// @notice TokenMinter.remoteTokensToLocalTokens: keccak256(abi.encodePacked(remoteDomain, remoteToken)) -> local token.
    mapping(bytes32 => address) public remoteTokensToLocalTokens;

    event DepositForBurn(
        uint64 indexed nonce,
        address indexed burnToken,
        uint256 amount,
        address indexed depositor,
        bytes32 mintRecipient,
        uint32 destinationDomain,
        bytes32 destinationTokenMessenger,
        bytes32 destinationCaller
    );
    event MintAndWithdraw(address indexed mintRecipient, uint256 amount, address indexed mintToken);
    event RemoteTokenMessengerAdded(uint32 domain, bytes32 tokenMessenger);
    event TokenPairLinked(address localToken, uint32 remoteDomain, bytes32 remoteToken);

    constructor(address _messageTransmitter, address _owner, address _localToken) {
        localMessageTransmitter = _messageTransmitter;
        messageBodyVersion = 0;
        owner = _owner;
        localToken = _localToken;
    }

    function addRemoteTokenMessenger(uint32 _domain, bytes32 _tokenMessenger) external {
        require(msg.sender == owner, "Ownable: caller is not the owner");
        require(_tokenMessenger != bytes32(0), "bytes32(0) not allowed");
        require(remoteTokenMessengers[_domain] == bytes32(0), "TokenMessenger already set");
        remoteTokenMessengers[_domain] = _tokenMessenger;
        emit RemoteTokenMessengerAdded(_domain, _tokenMessenger);
    }

    function linkTokenPair(address _localToken, uint32 _remoteDomain, bytes32 _remoteToken) external {
        require(msg.sender == owner, "Ownable: caller is not the owner");
        bytes32 key = keccak256(abi.encodePacked(_remoteDomain, _remoteToken));
        require(remoteTokensToLocalTokens[key] == address(0), "Unable to link token pair");
        remoteTokensToLocalTokens[key] = _localToken;
        emit TokenPairLinked(_localToken, _remoteDomain, _remoteToken);
    }

    function depositForBurn(uint256 _amount, uint32 _destinationDomain, bytes32 _mintRecipient, address _burnToken)
        external
        returns (uint64 nonce)
    {
        require(_amount > 0, "Amount must be nonzero");
        require(_mintRecipient != bytes32(0), "Mint recipient must be nonzero");
        bytes32 destinationTokenMessenger = remoteTokenMessengers[_destinationDomain];
        require(destinationTokenMessenger != bytes32(0), "No TokenMessenger for domain");
        require(_burnToken == localToken, "Burn token not supported");

        require(ICctpMintBurnToken(_burnToken).transferFrom(msg.sender, address(this), _amount), "Transfer operation failed");
        ICctpMintBurnToken(_burnToken).burn(_amount);

        bytes memory burnMessage = abi.encodePacked(
            messageBodyVersion, bytes32(uint256(uint160(_burnToken))), _mintRecipient, _amount, bytes32(uint256(uint160(msg.sender)))
        );
        nonce = ICctpTransmitterV1(localMessageTransmitter).sendMessage(_destinationDomain, destinationTokenMessenger, burnMessage);
        emit DepositForBurn(nonce, _burnToken, _amount, msg.sender, _mintRecipient, _destinationDomain, destinationTokenMessenger, bytes32(0));
    }

    function handleReceiveMessage(uint32 _remoteDomain, bytes32 _sender, bytes calldata _messageBody) external returns (bool) {
        require(msg.sender == localMessageTransmitter, "Invalid message transmitter");
        require(_sender != bytes32(0) && remoteTokenMessengers[_remoteDomain] == _sender, "Remote TokenMessenger unsupported");
        require(_messageBody.length == 132, "Invalid message length");
        require(uint32(bytes4(_messageBody[0:4])) == messageBodyVersion, "Invalid message body version");

        bytes32 burnToken = bytes32(_messageBody[4:36]);
        address mintRecipient = address(uint160(uint256(bytes32(_messageBody[36:68]))));
        uint256 amount = uint256(bytes32(_messageBody[68:100]));
        address mintToken = remoteTokensToLocalTokens[keccak256(abi.encodePacked(_remoteDomain, burnToken))];
        require(mintToken != address(0), "Mint token not supported");
        require(ICctpMintBurnToken(mintToken).mint(mintRecipient, amount), "Mint operation failed");
        emit MintAndWithdraw(mintRecipient, amount, mintToken);
        return true;
    }
}

/// @title CctpMessageTransmitterV2 (devnet, CCTP v2)
/// @notice v2/MessageTransmitterV2.sol: sendMessage formats the message for relay (MessageV2._formatMessageForRelay:
///         version 1, domains, an EMPTY nonce, sender, recipient, destinationCaller, minFinalityThreshold and an empty
///         finalityThresholdExecuted, then the body) and emits MessageSent; Circle's attester fills the nonce and
///         finalityThresholdExecuted (and, in a BurnMessageV2, feeExecuted and expirationBlock) before signing, so the
///         received message differs from the sent one. receiveMessage checks the attestation, format, domain, caller,
///         version and that the nonce is unused, marks it, calls handleReceiveFinalizedMessage (threshold >= 2000) or
///         handleReceiveUnfinalizedMessage and emits MessageReceived(caller, sourceDomain, nonce, sender,
///         finalityThresholdExecuted, messageBody).
contract CctpMessageTransmitterV2 {
    uint256 public constant maxMessageBodySize = 8192;
    uint32 public constant FINALITY_THRESHOLD_FINALIZED = 2000;

    uint32 public immutable localDomain;
    uint32 public immutable version;
    address public immutable attester;

    mapping(bytes32 => uint256) public usedNonces;

    event MessageSent(bytes message);
    event MessageReceived(
        address indexed caller,
        uint32 sourceDomain,
        bytes32 indexed nonce,
        bytes32 sender,
        uint32 indexed finalityThresholdExecuted,
        bytes messageBody
    );

    constructor(uint32 _localDomain, address _attester) {
        localDomain = _localDomain;
        version = 1;
        attester = _attester;
    }

    function sendMessage(
        uint32 _destinationDomain,
        bytes32 _recipient,
        bytes32 _destinationCaller,
        uint32 _minFinalityThreshold,
        bytes calldata _messageBody
    ) external {
        require(_destinationDomain != localDomain, "Domain is local domain");
        require(_messageBody.length <= maxMessageBodySize, "Message body exceeds max size");
        require(_recipient != bytes32(0), "Recipient must be nonzero");
        emit MessageSent(
            abi.encodePacked(
                version,
                localDomain,
                _destinationDomain,
                bytes32(0),
                bytes32(uint256(uint160(msg.sender))),
                _recipient,
                _destinationCaller,
                _minFinalityThreshold,
                uint32(0),
                _messageBody
            )
        );
    }

    function receiveMessage(bytes calldata _message, bytes calldata _attestation) external returns (bool success) {
        _validateReceivedMessage(_message, _attestation);
        uint32 sourceDomain = uint32(bytes4(_message[4:8]));
        uint32 finalityThresholdExecuted = uint32(bytes4(_message[144:148]));
        _handle(_message, sourceDomain, finalityThresholdExecuted);
        emit MessageReceived(msg.sender, sourceDomain, bytes32(_message[12:44]), bytes32(_message[44:76]), finalityThresholdExecuted, _message[148:]);
        return true;
    }

    // Checks the attestation and the message, and marks its nonce used.
    function _validateReceivedMessage(bytes calldata _message, bytes calldata _attestation) private {
        CctpAttestation.verify(_message, _attestation, attester);
        require(_message.length >= 148, "Invalid message: too short");
        require(uint32(bytes4(_message[8:12])) == localDomain, "Invalid destination domain");
        bytes32 destinationCaller = bytes32(_message[108:140]);
        if (destinationCaller != bytes32(0)) {
            require(destinationCaller == bytes32(uint256(uint160(msg.sender))), "Invalid caller for message");
        }
        require(uint32(bytes4(_message[0:4])) == version, "Invalid message version");
        bytes32 nonce = bytes32(_message[12:44]);
        require(usedNonces[nonce] == 0, "Nonce already used");
        usedNonces[nonce] = 1;
    }

    function _handle(bytes calldata _message, uint32 _sourceDomain, uint32 _finalityThresholdExecuted) private {
        bytes32 sender = bytes32(_message[44:76]);
        address recipient = address(uint160(uint256(bytes32(_message[76:108]))));
        if (_finalityThresholdExecuted < FINALITY_THRESHOLD_FINALIZED) {
            require(
                ICctpMessageHandlerV2(recipient).handleReceiveUnfinalizedMessage(_sourceDomain, sender, _finalityThresholdExecuted, _message[148:]),
                "handleReceiveUnfinalizedMessage() failed"
            );
        } else {
            require(
                ICctpMessageHandlerV2(recipient).handleReceiveFinalizedMessage(_sourceDomain, sender, _finalityThresholdExecuted, _message[148:]),
                "handleReceiveFinalizedMessage() failed"
            );
        }
    }
}

/// @title CctpTokenMessengerV2 (devnet, CCTP v2)
/// @notice v2/TokenMessengerV2.sol (+ TokenMinterV2): depositForBurn(WithHook) takes and burns the tokens, formats the
///         BurnMessageV2 for relay (version 1, burnToken, mintRecipient, amount, messageSender, maxFee, an empty
///         feeExecuted and expirationBlock, hookData), sends it with the caller's minFinalityThreshold and emits
///         DepositForBurn. On receipt a finalized message mints the amount; an unfinalized one (fast transfer, threshold
///         >= 500) must not be expired (expirationBlock 0 or in the future) and mints amount - feeExecuted to the
///         recipient and the fee to the fee recipient.
contract CctpTokenMessengerV2 {
    uint32 public constant TOKEN_MESSENGER_MIN_FINALITY_THRESHOLD = 500;

    address public immutable localMessageTransmitter;
    uint32 public immutable messageBodyVersion;
    address public immutable owner;
    address public immutable feeRecipient;
    /// @notice The devnet's one burn token on this chain (devnet-only getter).
    address public immutable localToken;

    mapping(uint32 => bytes32) public remoteTokenMessengers;
    mapping(bytes32 => address) public remoteTokensToLocalTokens;

    event DepositForBurn(
        address indexed burnToken,
        uint256 amount,
        address indexed depositor,
        bytes32 mintRecipient,
        uint32 destinationDomain,
        bytes32 destinationTokenMessenger,
        bytes32 destinationCaller,
        uint256 maxFee,
        uint32 indexed minFinalityThreshold,
        bytes hookData
    );
    event MintAndWithdraw(address indexed mintRecipient, uint256 amount, address indexed mintToken, uint256 feeCollected);
    event RemoteTokenMessengerAdded(uint32 domain, bytes32 tokenMessenger);
    event TokenPairLinked(address localToken, uint32 remoteDomain, bytes32 remoteToken);

    constructor(address _messageTransmitter, address _owner, address _localToken) {
        localMessageTransmitter = _messageTransmitter;
        messageBodyVersion = 1;
        owner = _owner;
        feeRecipient = _owner;
        localToken = _localToken;
    }

    function addRemoteTokenMessenger(uint32 _domain, bytes32 _tokenMessenger) external {
        require(msg.sender == owner, "Ownable: caller is not the owner");
        require(_tokenMessenger != bytes32(0), "bytes32(0) not allowed");
        require(remoteTokenMessengers[_domain] == bytes32(0), "TokenMessenger already set");
        remoteTokenMessengers[_domain] = _tokenMessenger;
        emit RemoteTokenMessengerAdded(_domain, _tokenMessenger);
    }

    function linkTokenPair(address _localToken, uint32 _remoteDomain, bytes32 _remoteToken) external {
        require(msg.sender == owner, "Ownable: caller is not the owner");
        bytes32 key = keccak256(abi.encodePacked(_remoteDomain, _remoteToken));
        require(remoteTokensToLocalTokens[key] == address(0), "Unable to link token pair");
        remoteTokensToLocalTokens[key] = _localToken;
        emit TokenPairLinked(_localToken, _remoteDomain, _remoteToken);
    }

    function depositForBurn(
        uint256 _amount,
        uint32 _destinationDomain,
        bytes32 _mintRecipient,
        address _burnToken,
        bytes32 _destinationCaller,
        uint256 _maxFee,
        uint32 _minFinalityThreshold
    ) external {
        _depositForBurn(_amount, _destinationDomain, _mintRecipient, _burnToken, _destinationCaller, _maxFee, _minFinalityThreshold, msg.data[0:0]);
    }

    function depositForBurnWithHook(
        uint256 _amount,
        uint32 _destinationDomain,
        bytes32 _mintRecipient,
        address _burnToken,
        bytes32 _destinationCaller,
        uint256 _maxFee,
        uint32 _minFinalityThreshold,
        bytes calldata _hookData
    ) external {
        require(_hookData.length > 0, "Hook data is empty");
        _depositForBurn(_amount, _destinationDomain, _mintRecipient, _burnToken, _destinationCaller, _maxFee, _minFinalityThreshold, _hookData);
    }

    function handleReceiveFinalizedMessage(uint32 _remoteDomain, bytes32 _sender, uint32, bytes calldata _messageBody) external returns (bool) {
        (address mintRecipient, address mintToken, uint256 amount) = _validate(_remoteDomain, _sender, _messageBody);
        _mintAndWithdraw(mintToken, mintRecipient, amount, 0);
        return true;
    }

    function handleReceiveUnfinalizedMessage(uint32 _remoteDomain, bytes32 _sender, uint32 _finalityThresholdExecuted, bytes calldata _messageBody)
        external
        returns (bool)
    {
        require(_finalityThresholdExecuted >= TOKEN_MESSENGER_MIN_FINALITY_THRESHOLD, "Unsupported finality threshold");
        (address mintRecipient, address mintToken, uint256 amount) = _validate(_remoteDomain, _sender, _messageBody);
        uint256 expirationBlock = uint256(bytes32(_messageBody[196:228]));
        require(expirationBlock == 0 || expirationBlock > block.number, "Message expired and must be re-signed");
        uint256 fee = uint256(bytes32(_messageBody[164:196]));
        require(fee == 0 || fee < amount, "Fee equals or exceeds amount");
        _mintAndWithdraw(mintToken, mintRecipient, amount - fee, fee);
        return true;
    }

    function _depositForBurn(
        uint256 _amount,
        uint32 _destinationDomain,
        bytes32 _mintRecipient,
        address _burnToken,
        bytes32 _destinationCaller,
        uint256 _maxFee,
        uint32 _minFinalityThreshold,
        bytes calldata _hookData
    ) private {
        require(_amount > 0, "Amount must be nonzero");
        require(_mintRecipient != bytes32(0), "Mint recipient must be nonzero");
        require(_maxFee < _amount, "Max fee must be less than amount");
        bytes32 destinationTokenMessenger = remoteTokenMessengers[_destinationDomain];
        require(destinationTokenMessenger != bytes32(0), "No TokenMessenger for domain");
        require(_burnToken == localToken, "Burn token not supported");

        require(ICctpMintBurnToken(_burnToken).transferFrom(msg.sender, address(this), _amount), "Transfer operation failed");
        ICctpMintBurnToken(_burnToken).burn(_amount);

        bytes memory burnMessage = abi.encodePacked(
            messageBodyVersion,
            bytes32(uint256(uint160(_burnToken))),
            _mintRecipient,
            _amount,
            bytes32(uint256(uint160(msg.sender))),
            _maxFee,
            uint256(0),
            uint256(0),
            _hookData
        );
        ICctpTransmitterV2(localMessageTransmitter).sendMessage(
            _destinationDomain, destinationTokenMessenger, _destinationCaller, _minFinalityThreshold, burnMessage
        );
        emit DepositForBurn(
            _burnToken,
            _amount,
            msg.sender,
            _mintRecipient,
            _destinationDomain,
            destinationTokenMessenger,
            _destinationCaller,
            _maxFee,
            _minFinalityThreshold,
            _hookData
        );
    }

    function _validate(uint32 _remoteDomain, bytes32 _sender, bytes calldata _messageBody)
        private
        view
        returns (address mintRecipient, address mintToken, uint256 amount)
    {
        require(msg.sender == localMessageTransmitter, "Invalid message transmitter");
        require(_sender != bytes32(0) && remoteTokenMessengers[_remoteDomain] == _sender, "Remote TokenMessenger unsupported");
        require(_messageBody.length >= 228, "Invalid message: too short");
        require(uint32(bytes4(_messageBody[0:4])) == messageBodyVersion, "Invalid message body version");
        bytes32 burnToken = bytes32(_messageBody[4:36]);
        mintRecipient = address(uint160(uint256(bytes32(_messageBody[36:68]))));
        amount = uint256(bytes32(_messageBody[68:100]));
        mintToken = remoteTokensToLocalTokens[keccak256(abi.encodePacked(_remoteDomain, burnToken))];
        require(mintToken != address(0), "Mint token not supported");
    }

    function _mintAndWithdraw(address _mintToken, address _mintRecipient, uint256 _amount, uint256 _fee) private {
        require(ICctpMintBurnToken(_mintToken).mint(_mintRecipient, _amount), "Mint operation failed");
        if (_fee > 0) {
            require(ICctpMintBurnToken(_mintToken).mint(feeRecipient, _fee), "Mint operation failed");
        }
        emit MintAndWithdraw(_mintRecipient, _amount, _mintToken, _fee);
    }
}
