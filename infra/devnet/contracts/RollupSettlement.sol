// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

// Devnet stand-ins for the rollups' settlement contracts on L1. Each emits its real contract's events byte for byte (same
// signatures, indexed topics and data layout), so BridgeStream's settlement decoders, written against the real contracts,
// decode them unchanged; the functions are simplified where noted. NO PROOFS and NO CHALLENGES anywhere: a devnet
// proposer/prover (BridgeStream Devnet/Settlement) posts what the rollup's blocks say, and every waiting period is
// COMPRESSED to seconds (set by the constructor; mainnet values in each comment).

/// @notice OP Stack L2OutputOracle (contracts-bedrock src/L1/L2OutputOracle.sol): OutputProposed / OutputsDeleted as the
///         real contract. Differences: any L2 block above the latest may be proposed (the real oracle wants exactly
///         nextBlockNumber(), a fixed submission interval), the proposer also plays the challenger, and the finalization
///         period is COMPRESSED (mainnet 7 days).
contract L2OutputOracle {
    struct OutputProposal {
        bytes32 outputRoot;
        uint128 timestamp;
        uint128 l2BlockNumber;
    }

    address public immutable PROPOSER;
    uint256 public immutable FINALIZATION_PERIOD_SECONDS;
    OutputProposal[] internal l2Outputs;

    event OutputProposed(bytes32 indexed outputRoot, uint256 indexed l2OutputIndex, uint256 indexed l2BlockNumber, uint256 l1Timestamp);
    event OutputsDeleted(uint256 indexed prevNextOutputIndex, uint256 indexed newNextOutputIndex);

    constructor(address _proposer, uint256 _finalizationPeriodSeconds) {
        PROPOSER = _proposer;
        FINALIZATION_PERIOD_SECONDS = _finalizationPeriodSeconds;
    }

    function finalizationPeriodSeconds() external view returns (uint256) {
        return FINALIZATION_PERIOD_SECONDS;
    }

    function nextOutputIndex() public view returns (uint256) {
        return l2Outputs.length;
    }

    function latestBlockNumber() public view returns (uint256) {
        return l2Outputs.length == 0 ? 0 : l2Outputs[l2Outputs.length - 1].l2BlockNumber;
    }

    function getL2Output(uint256 _l2OutputIndex) external view returns (OutputProposal memory) {
        return l2Outputs[_l2OutputIndex];
    }

    function proposeL2Output(bytes32 _outputRoot, uint256 _l2BlockNumber, bytes32 _l1BlockHash, uint256 _l1BlockNumber) external payable {
        require(msg.sender == PROPOSER, "L2OutputOracle: only the proposer address can propose new outputs");
        require(_l2BlockNumber > latestBlockNumber(), "L2OutputOracle: block number must be greater than the latest");
        require(_outputRoot != bytes32(0), "L2OutputOracle: L2 output proposal cannot be the zero hash");
        if (_l1BlockHash != bytes32(0)) {
            require(blockhash(_l1BlockNumber) == _l1BlockHash, "L2OutputOracle: block hash does not match the hash at the expected height");
        }

        emit OutputProposed(_outputRoot, nextOutputIndex(), _l2BlockNumber, block.timestamp);
        l2Outputs.push(OutputProposal({ outputRoot: _outputRoot, timestamp: uint128(block.timestamp), l2BlockNumber: uint128(_l2BlockNumber) }));
    }

    function deleteL2Outputs(uint256 _l2OutputIndex) external {
        require(msg.sender == PROPOSER, "L2OutputOracle: only the challenger address can delete outputs");
        require(_l2OutputIndex < l2Outputs.length, "L2OutputOracle: cannot delete outputs after the latest output index");
        require(block.timestamp - l2Outputs[_l2OutputIndex].timestamp < FINALIZATION_PERIOD_SECONDS, "L2OutputOracle: cannot delete outputs that have already been finalized");
        uint256 prevNextL2OutputIndex = nextOutputIndex();
        while (l2Outputs.length > _l2OutputIndex) {
            l2Outputs.pop();
        }

        emit OutputsDeleted(prevNextL2OutputIndex, _l2OutputIndex);
    }
}

/// @notice A devnet dispute game: the interface BridgeStream reads of the real FaultDisputeGame (contracts-bedrock
///         src/dispute/FaultDisputeGame.sol): l2BlockNumber(), l2SequenceNumber(), rootClaim(), status, createdAt,
///         resolvedAt and Resolved(GameStatus indexed status). Differences: a plain contract per game (the real factory
///         clones with immutable args), no moves, no bonds, no VM: resolve() lets the root claim win once the COMPRESSED
///         max clock duration (mainnet 3.5 days) has passed.
contract FaultDisputeGame {
    enum GameStatus {
        IN_PROGRESS,
        CHALLENGER_WINS,
        DEFENDER_WINS
    }

    uint32 public immutable gameType;
    bytes32 internal immutable ROOT_CLAIM;
    uint256 internal immutable L2_BLOCK_NUMBER;
    uint64 public immutable maxClockDuration;
    address public immutable gameCreator;
    uint64 public createdAt;
    uint64 public resolvedAt;
    GameStatus public status;

    event Resolved(GameStatus indexed status);

    constructor(uint32 _gameType, bytes32 _rootClaim, uint256 _l2BlockNumber, uint64 _maxClockDuration, address _creator) {
        gameType = _gameType;
        ROOT_CLAIM = _rootClaim;
        L2_BLOCK_NUMBER = _l2BlockNumber;
        maxClockDuration = _maxClockDuration;
        gameCreator = _creator;
        createdAt = uint64(block.timestamp);
    }

    function rootClaim() external view returns (bytes32) {
        return ROOT_CLAIM;
    }

    function l2BlockNumber() external view returns (uint256) {
        return L2_BLOCK_NUMBER;
    }

    function l2SequenceNumber() external view returns (uint256) {
        return L2_BLOCK_NUMBER;
    }

    function resolve() external returns (GameStatus) {
        require(status == GameStatus.IN_PROGRESS, "GameNotInProgress");
        require(block.timestamp >= createdAt + maxClockDuration, "ClockNotExpired");
        status = GameStatus.DEFENDER_WINS;
        resolvedAt = uint64(block.timestamp);
        emit Resolved(status);
        return status;
    }
}

/// @notice OP Stack DisputeGameFactory (contracts-bedrock src/dispute/DisputeGameFactory.sol): create(GameType, Claim,
///         bytes extraData) and DisputeGameCreated(address indexed disputeProxy, GameType indexed gameType, Claim indexed
///         rootClaim) as the real factory (GameType = uint32); extraData is the L2 block number, abi-encoded, as for the
///         real FaultDisputeGame. Differences: no implementations per game type, no bonds, no init bond check.
contract DisputeGameFactory {
    struct GameRecord {
        uint32 gameType;
        uint64 timestamp;
        address proxy;
    }

    uint64 internal immutable MAX_CLOCK_DURATION;
    GameRecord[] internal games;
    mapping(bytes32 => address) internal gamesByUuid;
    mapping(address => bool) public isGame;

    event DisputeGameCreated(address indexed disputeProxy, uint32 indexed gameType, bytes32 indexed rootClaim);

    constructor(uint64 _maxClockDuration) {
        MAX_CLOCK_DURATION = _maxClockDuration;
    }

    function create(uint32 _gameType, bytes32 _rootClaim, bytes calldata _extraData) external payable returns (address proxy_) {
        bytes32 uuid = keccak256(abi.encode(_gameType, _rootClaim, _extraData));
        require(gamesByUuid[uuid] == address(0), "GameAlreadyExists");
        uint256 l2BlockNumber = abi.decode(_extraData, (uint256));
        proxy_ = address(new FaultDisputeGame(_gameType, _rootClaim, l2BlockNumber, MAX_CLOCK_DURATION, msg.sender));
        gamesByUuid[uuid] = proxy_;
        isGame[proxy_] = true;
        games.push(GameRecord({ gameType: _gameType, timestamp: uint64(block.timestamp), proxy: proxy_ }));
        emit DisputeGameCreated(proxy_, _gameType, _rootClaim);
    }

    function gameCount() external view returns (uint256) {
        return games.length;
    }

    function gameAtIndex(uint256 _index) external view returns (uint32 gameType_, uint64 timestamp_, address proxy_) {
        GameRecord memory game = games[_index];
        return (game.gameType, game.timestamp, game.proxy);
    }
}

/// @notice OP Stack AnchorStateRegistry v3 (contracts-bedrock src/dispute/AnchorStateRegistry.sol): setAnchorState(game)
///         and AnchorUpdated(IFaultDisputeGame indexed game) as the real registry: the game must come from the factory,
///         have resolved for the defender, have waited out the COMPRESSED dispute game finality delay ("airgap"; mainnet
///         3.5 days) and be newer than the anchor. Differences: no respected game type, blacklist, retirement or pause.
contract AnchorStateRegistry {
    DisputeGameFactory public immutable disputeGameFactory;
    uint256 internal immutable DISPUTE_GAME_FINALITY_DELAY_SECONDS;
    FaultDisputeGame public anchorGame;

    event AnchorUpdated(FaultDisputeGame indexed game);

    constructor(DisputeGameFactory _factory, uint256 _disputeGameFinalityDelaySeconds) {
        disputeGameFactory = _factory;
        DISPUTE_GAME_FINALITY_DELAY_SECONDS = _disputeGameFinalityDelaySeconds;
    }

    function disputeGameFinalityDelaySeconds() external view returns (uint256) {
        return DISPUTE_GAME_FINALITY_DELAY_SECONDS;
    }

    function isGameFinalized(FaultDisputeGame _game) public view returns (bool) {
        return _game.resolvedAt() != 0 && block.timestamp - _game.resolvedAt() > DISPUTE_GAME_FINALITY_DELAY_SECONDS;
    }

    function setAnchorState(FaultDisputeGame _game) external {
        require(disputeGameFactory.isGame(address(_game)), "AnchorStateRegistry_InvalidAnchorGame");
        require(_game.status() == FaultDisputeGame.GameStatus.DEFENDER_WINS && isGameFinalized(_game), "AnchorStateRegistry_InvalidAnchorGame");
        require(address(anchorGame) == address(0) || _game.l2BlockNumber() > anchorGame.l2BlockNumber(), "AnchorStateRegistry_InvalidAnchorGame");
        anchorGame = _game;
        emit AnchorUpdated(_game);
    }
}

/// @notice Arbitrum BoLD RollupCore (nitro-contracts src/rollup/RollupCore.sol, IRollupCore.sol): AssertionCreated and
///         AssertionConfirmed with the real argument layout (AssertionInputs, AssertionState, GlobalState, ConfigData) and
///         the assertion hash computed as RollupLib.assertionHash (keccak256(parentAssertionHash, keccak256(abi.encode(
///         afterState)), afterInboxBatchAcc)). Differences: the validator passes only the L2 block hash and send root of the
///         new state (the contract builds the rest: inbox position + 1, a stand-in inbox accumulator keccak256(previous,
///         blockHash) instead of the sequencer inbox's), no stakes, no edge challenges, confirmation in order once the
///         COMPRESSED confirm period (mainnet 45818 L1 blocks, about 6.4 days) has passed.
contract ArbitrumRollup {
    struct GlobalState {
        bytes32[2] bytes32Vals;
        uint64[2] u64Vals;
    }

    enum MachineStatus {
        RUNNING,
        FINISHED,
        ERRORED
    }

    struct AssertionState {
        GlobalState globalState;
        MachineStatus machineStatus;
        bytes32 endHistoryRoot;
    }

    struct ConfigData {
        bytes32 wasmModuleRoot;
        uint256 requiredStake;
        address challengeManager;
        uint64 confirmPeriodBlocks;
        uint64 nextInboxPosition;
    }

    struct BeforeStateData {
        bytes32 prevPrevAssertionHash;
        bytes32 sequencerBatchAcc;
        ConfigData configData;
    }

    struct AssertionInputs {
        BeforeStateData beforeStateData;
        AssertionState beforeState;
        AssertionState afterState;
    }

    struct Created {
        bytes32 parent;
        uint64 createdAtBlock;
        bytes32 blockHash;
        bytes32 sendRoot;
    }

    address public immutable validator;
    uint64 public immutable confirmPeriodBlocks;
    bytes32 public immutable wasmModuleRoot;

    bytes32 public latestAssertion;
    bytes32 public latestConfirmed;
    bytes32 internal latestPrevAssertion;
    bytes32 internal inboxAcc;
    bytes32 internal previousInboxAcc;
    AssertionState internal latestState;
    mapping(bytes32 => Created) internal created;

    event AssertionCreated(
        bytes32 indexed assertionHash,
        bytes32 indexed parentAssertionHash,
        AssertionInputs assertion,
        bytes32 afterInboxBatchAcc,
        uint256 inboxMaxCount,
        bytes32 wasmModuleRoot,
        uint256 requiredStake,
        address challengeManager,
        uint64 confirmPeriodBlocks
    );

    event AssertionConfirmed(bytes32 indexed assertionHash, bytes32 blockHash, bytes32 sendRoot);

    constructor(address _validator, uint64 _confirmPeriodBlocks, bytes32 _wasmModuleRoot) {
        validator = _validator;
        confirmPeriodBlocks = _confirmPeriodBlocks;
        wasmModuleRoot = _wasmModuleRoot;
        latestState.machineStatus = MachineStatus.FINISHED;
        bytes32 genesis = keccak256(abi.encodePacked(bytes32(0), keccak256(abi.encode(latestState)), bytes32(0)));
        latestAssertion = genesis;
        latestConfirmed = genesis;
    }

    function stakeOnNewAssertion(bytes32 _l2BlockHash, bytes32 _sendRoot) external returns (bytes32 assertionHash) {
        require(msg.sender == validator, "NOT_VALIDATOR");
        AssertionInputs memory assertion;
        assertion.beforeStateData = BeforeStateData({
            prevPrevAssertionHash: latestPrevAssertion,
            sequencerBatchAcc: previousInboxAcc,
            configData: ConfigData({
                wasmModuleRoot: wasmModuleRoot,
                requiredStake: 0,
                challengeManager: address(0),
                confirmPeriodBlocks: confirmPeriodBlocks,
                nextInboxPosition: latestState.globalState.u64Vals[0] + 1
            })
        });
        assertion.beforeState = latestState;
        assertion.afterState.globalState.bytes32Vals = [_l2BlockHash, _sendRoot];
        assertion.afterState.globalState.u64Vals = [latestState.globalState.u64Vals[0] + 1, uint64(0)];
        assertion.afterState.machineStatus = MachineStatus.FINISHED;

        bytes32 parent = latestAssertion;
        bytes32 afterInboxBatchAcc = keccak256(abi.encodePacked(inboxAcc, _l2BlockHash));
        assertionHash = keccak256(abi.encodePacked(parent, keccak256(abi.encode(assertion.afterState)), afterInboxBatchAcc));
        require(created[assertionHash].createdAtBlock == 0, "ASSERTION_SEEN");
        created[assertionHash] = Created({ parent: parent, createdAtBlock: uint64(block.number), blockHash: _l2BlockHash, sendRoot: _sendRoot });

        emit AssertionCreated(
            assertionHash, parent, assertion, afterInboxBatchAcc, assertion.afterState.globalState.u64Vals[0], wasmModuleRoot, 0, address(0),
            confirmPeriodBlocks
        );
        latestPrevAssertion = parent;
        latestAssertion = assertionHash;
        previousInboxAcc = inboxAcc;
        inboxAcc = afterInboxBatchAcc;
        latestState = assertion.afterState;
    }

    function confirmAssertion(bytes32 _assertionHash) external {
        Created memory assertion = created[_assertionHash];
        require(assertion.createdAtBlock != 0, "ASSERTION_NOT_EXIST");
        require(assertion.parent == latestConfirmed, "PREV_NOT_LATEST_CONFIRMED");
        require(block.number >= assertion.createdAtBlock + confirmPeriodBlocks, "BEFORE_DEADLINE");
        latestConfirmed = _assertionHash;
        emit AssertionConfirmed(_assertionHash, assertion.blockHash, assertion.sendRoot);
    }
}

/// @notice Scroll ScrollChain (scroll-tech/scroll contracts/src/L1/rollup/ScrollChain.sol): commitBatch(uint8 version,
///         bytes parentBatchHeader, bytes[] chunks, bytes skippedL1MessageBitmap) with the real signature and chunk layout
///         (ChunkCodecV0: numBlocks, then 60-byte block contexts, then L2 transactions), the BatchHeaderV0 layout
///         (version, batchIndex, l1MessagePopped, totalL1MessagePopped, dataHash, parentBatchHash, bitmap) and its keccak256
///         as the batch hash; CommitBatch / FinalizeBatch / RevertBatch as the real events. Differences: the data hash is
///         keccak256 over the chunks' keccak256 (the real one hashes block contexts and transaction hashes), no L1 message
///         queue, no verifier: finalizeBundle takes the new state root and withdraw root on trust (no proof), and finalizes
///         every committed batch up to the one named (as the real finalizeBundleWithProof, one FinalizeBatch for the last).
contract ScrollChain {
    address public immutable sequencer;
    uint256 public lastFinalizedBatchIndex;
    uint256 public committedBatchCount;
    mapping(uint256 => bytes32) public committedBatches;
    mapping(uint256 => bytes) public batchHeaders;
    mapping(uint256 => bytes32) public finalizedStateRoots;
    mapping(uint256 => bytes32) public withdrawRoots;

    event CommitBatch(uint256 indexed batchIndex, bytes32 indexed batchHash);
    event RevertBatch(uint256 indexed batchIndex, bytes32 indexed batchHash);
    event FinalizeBatch(uint256 indexed batchIndex, bytes32 indexed batchHash, bytes32 stateRoot, bytes32 withdrawRoot);

    constructor(address _sequencer) {
        sequencer = _sequencer;
        bytes memory genesis = abi.encodePacked(uint8(0), uint64(0), uint64(0), uint64(0), bytes32(0), bytes32(0));
        batchHeaders[0] = genesis;
        committedBatches[0] = keccak256(genesis);
        committedBatchCount = 1;
    }

    function commitBatch(uint8 _version, bytes calldata _parentBatchHeader, bytes[] memory _chunks, bytes calldata _skippedL1MessageBitmap) external {
        require(msg.sender == sequencer, "ErrorCallerIsNotSequencer");
        require(_version == 0, "ErrorIncorrectBatchVersion");
        require(_chunks.length > 0, "ErrorBatchIsEmpty");
        require(_parentBatchHeader.length >= 89, "ErrorBatchHeaderLengthTooSmall");
        uint256 parentIndex = uint64(bytes8(_parentBatchHeader[1:9]));
        bytes32 parentHash = keccak256(_parentBatchHeader);
        require(committedBatches[parentIndex] == parentHash, "ErrorIncorrectBatchHash");
        uint256 batchIndex = parentIndex + 1;
        require(batchIndex == committedBatchCount, "ErrorBatchIsAlreadyCommitted");

        bytes memory chunkHashes;
        for (uint256 i = 0; i < _chunks.length; i++) {
            bytes memory chunk = _chunks[i];
            require(chunk.length >= 61 && uint8(chunk[0]) > 0 && chunk.length >= 1 + uint256(uint8(chunk[0])) * 60, "ErrorIncorrectChunkLength");
            chunkHashes = abi.encodePacked(chunkHashes, keccak256(chunk));
        }

        bytes memory header = abi.encodePacked(_version, uint64(batchIndex), uint64(0), uint64(0), keccak256(chunkHashes), parentHash, _skippedL1MessageBitmap);
        bytes32 batchHash = keccak256(header);
        batchHeaders[batchIndex] = header;
        committedBatches[batchIndex] = batchHash;
        committedBatchCount = batchIndex + 1;
        emit CommitBatch(batchIndex, batchHash);
    }

    function finalizeBundle(uint256 _batchIndex, bytes32 _postStateRoot, bytes32 _withdrawRoot) external {
        require(msg.sender == sequencer, "ErrorCallerIsNotProver");
        require(_batchIndex > lastFinalizedBatchIndex && _batchIndex < committedBatchCount, "ErrorBatchIsAlreadyVerified");
        lastFinalizedBatchIndex = _batchIndex;
        finalizedStateRoots[_batchIndex] = _postStateRoot;
        withdrawRoots[_batchIndex] = _withdrawRoot;
        emit FinalizeBatch(_batchIndex, committedBatches[_batchIndex], _postStateRoot, _withdrawRoot);
    }
}
