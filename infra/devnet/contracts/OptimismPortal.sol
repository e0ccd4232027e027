// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title OptimismPortal (devnet)
/// @notice Stand-in for the OP Stack OptimismPortal2 (contracts-bedrock src/L1/OptimismPortal2.sol), one per L2:
///         - depositTransaction: the same checks (creation target, minimum gas limit, calldata size), the same aliasing
///           of contract senders (AddressAliasHelper) and the same TransactionDeposited(from, to, version 0, opaqueData)
///           with opaqueData = abi.encodePacked(mint, value, gasLimit, isCreation, data), which op-node derives from.
///         - proveWithdrawalTransaction / finalizeWithdrawalTransaction: the same withdrawal hash (Hashing.hashWithdrawal),
///           WithdrawalProven + WithdrawalProvenExtension1, per-submitter proofs, the proof maturity delay enforced on chain
///           (block.timestamp - provenAt > delay; COMPRESSED on the devnet to seconds instead of 7 days), l2Sender during
///           the call, SafeCall.callWithMinGas, WithdrawalFinalized(hash, success) and no retry after a failed call.
///         Differences: NO PROOFS. proveWithdrawalTransaction takes the withdrawal alone: there is no dispute game, output
///         root or Merkle proof of the L2ToL1MessagePasser storage, so it trusts the prover that the withdrawal exists on L2.
///         No resource metering (deposit gas is not bought by burning L1 gas), no pause, no ETHLockbox, no custom gas token.
contract OptimismPortal {
    uint256 public constant DEPOSIT_VERSION = 0;
    uint64 internal constant RECEIVE_DEFAULT_GAS_LIMIT = 100_000;
    address internal constant DEFAULT_L2_SENDER = 0x000000000000000000000000000000000000dEaD;
    uint160 internal constant ALIAS_OFFSET = uint160(0x1111000000000000000000000000000000001111);

    struct WithdrawalTransaction {
        uint256 nonce;
        address sender;
        address target;
        uint256 value;
        uint256 gasLimit;
        bytes data;
    }

    /// @notice The real ProvenWithdrawal also records the dispute game proxy the proof was made against.
    struct ProvenWithdrawal {
        uint64 timestamp;
    }

    uint256 public immutable l2ChainId;
    uint256 internal immutable proofMaturityDelay;

    address public l2Sender;
    mapping(bytes32 => bool) public finalizedWithdrawals;
    mapping(bytes32 => mapping(address => ProvenWithdrawal)) public provenWithdrawals;
    mapping(bytes32 => address[]) public proofSubmitters;

    event TransactionDeposited(address indexed from, address indexed to, uint256 indexed version, bytes opaqueData);
    event WithdrawalProven(bytes32 indexed withdrawalHash, address indexed from, address indexed to);
    event WithdrawalProvenExtension1(bytes32 indexed withdrawalHash, address indexed proofSubmitter);
    event WithdrawalFinalized(bytes32 indexed withdrawalHash, bool success);

    constructor(uint256 _l2ChainId, uint256 _proofMaturityDelaySeconds) {
        l2ChainId = _l2ChainId;
        proofMaturityDelay = _proofMaturityDelaySeconds;
        l2Sender = DEFAULT_L2_SENDER;
    }

    receive() external payable {
        depositTransaction(msg.sender, msg.value, RECEIVE_DEFAULT_GAS_LIMIT, false, bytes(""));
    }

    /// @notice Accepts ETH without a deposit (the devnet funds withdrawals with it, standing in for earlier deposits).
    function donateETH() external payable { }

    function proofMaturityDelaySeconds() public view returns (uint256) {
        return proofMaturityDelay;
    }

    function minimumGasLimit(uint64 _byteCount) public pure returns (uint64) {
        return _byteCount * 40 + 21000;
    }

    function depositTransaction(address _to, uint256 _value, uint64 _gasLimit, bool _isCreation, bytes memory _data)
        public
        payable
    {
        require(!_isCreation || _to == address(0), "OptimismPortal: must send to address(0) when creating a contract");
        require(_gasLimit >= minimumGasLimit(uint64(_data.length)), "OptimismPortal: gas limit too small");
        require(_data.length <= 120_000, "OptimismPortal: data too large");

        // EOA.isSenderEOA: a contract's deposit comes from its alias on L2.
        address from = msg.sender;
        if (msg.sender != tx.origin) {
            unchecked {
                from = address(uint160(msg.sender) + ALIAS_OFFSET);
            }
        }

        bytes memory opaqueData = abi.encodePacked(msg.value, _value, _gasLimit, _isCreation, _data);
        emit TransactionDeposited(from, _to, DEPOSIT_VERSION, opaqueData);
    }

    function proveWithdrawalTransaction(WithdrawalTransaction memory _tx) external {
        require(!_isUnsafeTarget(_tx.target), "OptimismPortal: you cannot send messages to the portal contract");
        bytes32 withdrawalHash = hashWithdrawal(_tx);
        provenWithdrawals[withdrawalHash][msg.sender] = ProvenWithdrawal({ timestamp: uint64(block.timestamp) });
        proofSubmitters[withdrawalHash].push(msg.sender);
        emit WithdrawalProven(withdrawalHash, _tx.sender, _tx.target);
        emit WithdrawalProvenExtension1(withdrawalHash, msg.sender);
    }

    function finalizeWithdrawalTransaction(WithdrawalTransaction memory _tx) external {
        finalizeWithdrawalTransactionExternalProof(_tx, msg.sender);
    }

    function finalizeWithdrawalTransactionExternalProof(WithdrawalTransaction memory _tx, address _proofSubmitter) public {
        require(l2Sender == DEFAULT_L2_SENDER, "OptimismPortal: can only trigger one withdrawal per transaction");
        require(!_isUnsafeTarget(_tx.target), "OptimismPortal: you cannot send messages to the portal contract");
        bytes32 withdrawalHash = hashWithdrawal(_tx);
        checkWithdrawal(withdrawalHash, _proofSubmitter);
        finalizedWithdrawals[withdrawalHash] = true;

        l2Sender = _tx.sender;
        bool success = _callWithMinGas(_tx.target, _tx.gasLimit, _tx.value, _tx.data);
        l2Sender = DEFAULT_L2_SENDER;

        emit WithdrawalFinalized(withdrawalHash, success);
    }

    function checkWithdrawal(bytes32 _withdrawalHash, address _proofSubmitter) public view {
        ProvenWithdrawal memory provenWithdrawal = provenWithdrawals[_withdrawalHash][_proofSubmitter];
        require(!finalizedWithdrawals[_withdrawalHash], "OptimismPortal: withdrawal has already been finalized");
        require(provenWithdrawal.timestamp != 0, "OptimismPortal: withdrawal has not been proven by proof submitter address yet");
        require(
            block.timestamp - provenWithdrawal.timestamp > proofMaturityDelay,
            "OptimismPortal: proven withdrawal has not matured yet"
        );
    }

    function numProofSubmitters(bytes32 _withdrawalHash) external view returns (uint256) {
        return proofSubmitters[_withdrawalHash].length;
    }

    /// @notice Hashing.hashWithdrawal.
    function hashWithdrawal(WithdrawalTransaction memory _tx) public pure returns (bytes32) {
        return keccak256(abi.encode(_tx.nonce, _tx.sender, _tx.target, _tx.value, _tx.gasLimit, _tx.data));
    }

    function _isUnsafeTarget(address _target) internal view returns (bool) {
        return _target == address(this);
    }

    /// @notice SafeCall.callWithMinGas: reverts unless the call can get at least _minGas, never copies return data.
    function _callWithMinGas(address _target, uint256 _minGas, uint256 _value, bytes memory _calldata) internal returns (bool success) {
        require(gasleft() * 63 >= (_minGas * 64) + (63 * 40_000), "SafeCall: Not enough gas");
        assembly {
            success := call(gas(), _target, _value, add(_calldata, 32), mload(_calldata), 0x00, 0x00)
        }
    }
}
