// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

// Devnet stand-ins for two Arbitrum precompiles (nitro-contracts src/precompiles, implemented by OffchainLabs/nitro
// precompiles/*.go). They are deployed normally, then their runtime code is copied with anvil_setCode to the precompile
// addresses the decoders insist on (0x64, 0x6E): constructor state is lost there, so configuration lives in immutables.

/// @title ArbRetryableTx (devnet, at 0x000000000000000000000000000000000000006E)
/// @notice The retryable-ticket precompile's events (TicketCreated, RedeemScheduled, LifetimeExtended, Canceled) and
///         ticket bookkeeping (timeout = creation + lifetime, a successful redeem deletes the ticket, a failed one keeps
///         it, nothing can be redeemed after its timeout).
///         DIFFERENCES from Nitro, where ArbOS itself executes the L1 message:
///         - The ticket id is NOT derived here. In Nitro it is the hash of the ArbitrumSubmitRetryableTx (type 0x69)
///           ArbOS creates from the L1 message; here the account playing ArbOS (`arbOS`) computes it off chain with
///           BridgeStream's core (ArbitrumL2TxHash.SubmitRetryable, the decoder's derivation) and passes it to
///           createTicket, whose transaction therefore does not have the ticket id as its hash.
///         - The retry is an ordinary transaction from `arbOS` to executeRetry (Nitro: an ArbitrumRetryTx, type 0x68, from
///           the aliased L1 sender straight to the target). Its receipt decides success exactly as in Nitro: when the
///           target call fails, the whole transaction reverts (status 0) and the ticket stays redeemable.
///         - RedeemScheduled is emitted by recordRedeem AFTER the retry transaction is mined, because it must carry that
///           transaction's hash (Nitro emits it before the retry, in the same block; the ingestor reads the retry's receipt
///           either way). Its sequenceNum counts the attempts per ticket (0 = the auto-redeem), as Nitro's numTries.
///         - No gas accounting, fees, refunds, escrow accounts or keepalive payments: the call value sent to createTicket
///           stays here until the retry forwards it.
contract ArbRetryableTx {
    struct Ticket {
        address from;
        address to;
        uint256 callvalue;
        address beneficiary;
        uint64 timeout;
        bytes data;
    }

    /// @notice The account that plays ArbOS: creates tickets, runs retries, records redeems.
    address public immutable arbOS;

    /// @notice The devnet's compressed ticket lifetime (Nitro: RetryableLifetimeSeconds = 7 days).
    uint256 public immutable lifetimeSeconds;

    mapping(bytes32 => Ticket) private tickets;
    mapping(bytes32 => bool) public created;
    mapping(bytes32 => uint64) public numTries;

    event TicketCreated(bytes32 indexed ticketId);
    event LifetimeExtended(bytes32 indexed ticketId, uint256 newTimeout);
    event RedeemScheduled(
        bytes32 indexed ticketId,
        bytes32 indexed retryTxHash,
        uint64 indexed sequenceNum,
        uint64 donatedGas,
        address gasDonor,
        uint256 maxRefund,
        uint256 submissionFeeRefund
    );
    event Canceled(bytes32 indexed ticketId);

    error NoTicketWithID();
    error NotCallable();
    error NotArbOS(address sender);

    constructor(address _arbOS, uint256 _lifetimeSeconds) {
        arbOS = _arbOS;
        lifetimeSeconds = _lifetimeSeconds;
    }

    modifier onlyArbOS() {
        if (msg.sender != arbOS) revert NotArbOS(msg.sender);
        _;
    }

    function getLifetime() external view returns (uint256) {
        return lifetimeSeconds;
    }

    /// @notice Nitro's GetTimeout: reverts with NoTicketWithID for a ticket that is gone (redeemed, expired, canceled).
    function getTimeout(bytes32 ticketId) external view returns (uint256) {
        return _live(ticketId).timeout;
    }

    function getBeneficiary(bytes32 ticketId) external view returns (address) {
        return _live(ticketId).beneficiary;
    }

    /// @notice The submit-retryable step: the ticket exists from here on, for `lifetimeSeconds`.
    function createTicket(bytes32 ticketId, address from, address to, address beneficiary, bytes calldata data)
        external
        payable
        onlyArbOS
    {
        require(!created[ticketId], "ArbRetryableTx: ticket exists");
        created[ticketId] = true;
        tickets[ticketId] = Ticket(from, to, msg.value, beneficiary, uint64(block.timestamp + lifetimeSeconds), data);
        emit TicketCreated(ticketId);
    }

    /// @notice The retry transaction: calls the ticket's target with its value and data; reverts when that call fails.
    function executeRetry(bytes32 ticketId) external onlyArbOS {
        Ticket memory ticket = _live(ticketId);
        delete tickets[ticketId];
        (bool success, bytes memory returndata) = ticket.to.call{ value: ticket.callvalue }(ticket.data);
        if (!success) {
            assembly {
                revert(add(32, returndata), mload(returndata))
            }
        }
    }

    /// @notice A redeem attempt of `ticketId` whose retry transaction is `retryTxHash` (already mined, see above).
    function recordRedeem(bytes32 ticketId, bytes32 retryTxHash, uint64 donatedGas, address gasDonor, uint256 maxRefund, uint256 submissionFeeRefund)
        external
        onlyArbOS
    {
        if (!created[ticketId]) revert NoTicketWithID();
        uint64 sequenceNum = numTries[ticketId]++;
        emit RedeemScheduled(ticketId, retryTxHash, sequenceNum, donatedGas, gasDonor, maxRefund, submissionFeeRefund);
    }

    function _live(bytes32 ticketId) private view returns (Ticket memory ticket) {
        ticket = tickets[ticketId];
        if (ticket.timeout == 0 || ticket.timeout < block.timestamp) revert NoTicketWithID();
    }
}

/// @title ArbSys (devnet, at 0x0000000000000000000000000000000000000064)
/// @notice sendTxToL1 / withdrawEth with the real L2ToL1Tx event: hash = keccak256(caller, destination, arbBlockNum,
///         ethBlockNum, timestamp, callvalue, data) exactly as Nitro's SendTxToL1, position = the leaf index (the count of
///         earlier sends, increasing from 0), returned as ArbOS >= 4 does.
///         DIFFERENCES: no send Merkle tree (no SendMerkleUpdate events, no sendMerkleTreeState), the call value is kept
///         rather than burned, and ethBlockNum is this chain's block number (the devnet L2 does not track the L1 block
///         number ArbOS knows; early Nitro logged the Arbitrum block number there too).
contract ArbSys {
    uint256 private sendCount;

    event L2ToL1Tx(
        address caller,
        address indexed destination,
        uint256 indexed hash,
        uint256 indexed position,
        uint256 arbBlockNum,
        uint256 ethBlockNum,
        uint256 timestamp,
        uint256 callvalue,
        bytes data
    );

    function arbBlockNumber() external view returns (uint256) {
        return block.number;
    }

    function arbChainID() external view returns (uint256) {
        return block.chainid;
    }

    function withdrawEth(address destination) external payable returns (uint256) {
        return _send(destination, "");
    }

    function sendTxToL1(address destination, bytes calldata data) external payable returns (uint256) {
        return _send(destination, data);
    }

    function _send(address destination, bytes memory data) private returns (uint256 position) {
        uint256 ethBlockNum = block.number;
        uint256 hash = uint256(
            keccak256(abi.encodePacked(msg.sender, destination, block.number, ethBlockNum, block.timestamp, msg.value, data))
        );
        position = sendCount++;
        emit L2ToL1Tx(msg.sender, destination, hash, position, block.number, ethBlockNum, block.timestamp, msg.value, data);
    }
}
