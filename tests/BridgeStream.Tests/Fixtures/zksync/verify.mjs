// zkSync (ZK stack) fixtures (see README.md). Two parts:
// 1. REAL data, never written by this script: a NewPriorityRequest, an ETH withdrawal's L2 logs and a failed deposit's L2
//    status log from the local ZK stack deployment viem's tests use, and the fields of a zkSync Era MAINNET priority
//    operation as the mainnet RPC returned them (the docs' example output).
// 2. SYNTHETIC logs encoded here from the event ABIs (`node verify.mjs --write` writes them): the Era mainnet operation's
//    NewPriorityRequest, and both ends of mainnet-shaped withdrawals and a deposit's L2 status log.
// Keys are recomputed without the C# code:
// - priority requests: canonicalTxHash = keccak256(abi.encode(L2CanonicalTransaction)) (era-contracts Mailbox._writePriorityOp);
// - withdrawals: keccak256(abi.encode(uint256 l2ChainId, bytes32 assetId, address receiver, uint256 amount)), assetId of a token
//   native to chain c = keccak256(abi.encode(c, L2_NATIVE_TOKEN_VAULT_ADDR 0x…10004, token)) (DataEncoding.encodeNTVAssetId).
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { abiBytes, check, finish, keccakHex, keccakText, pad32, padHex32, selfTest, slice, strip, uintAt, word } from "../lib/slices.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const load = (f) => JSON.parse(readFileSync(join(here, f), "utf8"));
const write = process.argv.includes("--write");
const addr = (w) => "0x" + strip(w).slice(-40);

const NEW_PRIORITY_REQUEST = keccakText("NewPriorityRequest(uint256,bytes32,uint64,(uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256[4],bytes,bytes,uint256[],bytes,bytes),bytes[])");
const L1_MESSAGE_SENT = keccakText("L1MessageSent(address,bytes32,bytes)");
const L2_TO_L1_LOG_SENT = keccakText("L2ToL1LogSent((uint8,bool,uint16,address,bytes32,bytes32))");
const BRIDGE_MINT = keccakText("BridgeMint(uint256,bytes32,address,uint256)");
const SHARED_BRIDGE_FINALIZED = keccakText("WithdrawalFinalizedSharedBridge(uint256,address,address,uint256)");
const FINALIZE_ETH_WITHDRAWAL = keccakText("finalizeEthWithdrawal(uint256,uint256,uint16,bytes,bytes32[])").slice(0, 10);
const LEGACY_FINALIZE_WITHDRAWAL = keccakText("finalizeWithdrawal(uint256,uint256,uint16,bytes,bytes32[])").slice(0, 10);
const ASSET_ROUTER_FINALIZE_WITHDRAWAL = keccakText("finalizeWithdrawal(uint256,uint256,uint256,uint16,bytes,bytes32[])").slice(0, 10);
const LEGACY_FINALIZE_DEPOSIT = keccakText("finalizeDeposit(address,address,address,uint256,bytes)").slice(0, 10);
selfTest();
check("signatures", "NewPriorityRequest topic0 (as in the real log and era-contracts' deployment scripts)", NEW_PRIORITY_REQUEST, "0x4531cd5795773d7101c17bdeb9f5ab7f47d7056017506f937083be5d6e77a382");
check("signatures", "L1MessageSent topic0 (as in the real log)", L1_MESSAGE_SENT, "0x3a36e47291f4201faf137fab081d92295bce2d53be2c6ca68ba82c7faa9ce241");
check("signatures", "L2ToL1LogSent topic0 (as in the real logs)", L2_TO_L1_LOG_SENT, "0x27fe8c0b49f49507b9d4fe5968c9f49edfe5c9df277d433a07a0717ede97638d");
check("signatures", "BridgeMint topic0 (as in the zksync block explorer's log types)", BRIDGE_MINT, "0xbc0f4055a7869d8ecad34b33382a0bc181c5811565fec42f335505be5fd661d2");
check("signatures", "WithdrawalFinalizedSharedBridge topic0 (as in era-contracts' L1SharedBridge bindings)", SHARED_BRIDGE_FINALIZED, "0x05518b128f0a9b11ddddebd5211a7fc2f4a689dab3a3e258d93eb13049983c3e");
check("signatures", "finalizeEthWithdrawal selector (as in the real withdrawal message)", FINALIZE_ETH_WITHDRAWAL, "0x6c0960f9");
check("signatures", "legacy finalizeDeposit selector (as in the real failed deposit's input)", LEGACY_FINALIZE_DEPOSIT, "0xcfe7af7c");

const NTV = "0x0000000000000000000000000000000000010004", ETH_TOKEN = "0x0000000000000000000000000000000000000001";
const assetId = (chain, token) => keccakHex("0x" + pad32(BigInt(chain)) + padHex32(NTV) + padHex32(token));
const withdrawalKey = (l2, asset, receiver, amount) => keccakHex("0x" + pad32(BigInt(l2)) + strip(asset) + padHex32(receiver) + pad32(BigInt(amount)));
check("asset ids", "ETH on Ethereum-settled ETH chains = getBaseTokenAssetId as l2beat reads it on mainnet", assetId(1, ETH_TOKEN), "0x05e1c3ae4b9732444ae25217ac7666e46fa365fee1768de00c9fcb65532b7609");

// The L2CanonicalTransaction in a NewPriorityRequest: 19 head words, then the tails; its hash = keccak256(0x20 ‖ tuple).
function decodeRequest(data) {
  const txOffset = Number(uintAt(data, 96, 32)), depsOffset = Number(uintAt(data, 128, 32));
  const tuple = slice(data, txOffset, depsOffset - txOffset);
  return { txId: BigInt(word(data, 0)), txHash: word(data, 1), tuple, from: addr(word(tuple, 1)), to: addr(word(tuple, 2)), gasLimit: BigInt(word(tuple, 3)),
    nonce: BigInt(word(tuple, 8)), value: BigInt(word(tuple, 9)), toMint: BigInt(word(tuple, 10)), data: abiBytes(tuple, 14), hash: keccakHex("0x" + pad32(32) + strip(tuple)) };
}
const tail = (hex) => pad32(strip(hex).length / 2) + strip(hex).padEnd(Math.ceil(strip(hex).length / 64) * 64, "0");
function encodeRequest(t, txId, expiration) {
  const head = [255n, t.from, t.to, t.gasLimit, t.gasPerPubdata, t.maxFeePerGas, 0n, 0n, BigInt(txId), t.value, t.toMint, t.refundRecipient, 0n, 0n].map((v) => pad32(BigInt(v)));
  const dyn = [tail(t.data), tail("0x"), pad32(0n), tail("0x"), tail("0x")];
  let offset = 19 * 32; const offsets = [];
  for (const d of dyn) { offsets.push(pad32(offset)); offset += d.length / 2; }
  const tuple = head.join("") + offsets.join("") + dyn.join("");
  const hash = keccakHex("0x" + pad32(32) + tuple);
  return { hash, data: "0x" + pad32(BigInt(txId)) + strip(hash) + pad32(BigInt(expiration)) + pad32(160) + pad32(160 + tuple.length / 2) + tuple + pad32(0) };
}

const PINNED = {
  "viem-local-l1-new-priority-request.json": "0x8bfcee9d4d05c6f0b8b0192feafeaf70818e9d90604a20ba6f17529c64556307",
  "viem-local-l2-eth-withdrawal.json": "0x21d30730687273a063554e2147f3733edca1709bcf9119b23118792856506c1e",
  "viem-local-l2-failed-deposit-status.json": "0x135160913453a9ba57e5d532ff9687a5dc5f41af7a21693119dff487d068f7c3",
  "era-mainnet-priority-op-67.json": "0x4bcfc209742f906957f6bc8cb8fac95f306591727dd4560b82e067297973e6ba",
};
const digest = (f) => keccakText(JSON.stringify([f.realFields ? [] : f.logs.map((l) => [l.address, l.blockNumber, l.blockHash, l.transactionHash, l.logIndex, l.topics, l.data]), f.realFields ?? null, f.depositInput ?? ""]));

// ---- REAL: the local NewPriorityRequest ----
{
  const file = "viem-local-l1-new-priority-request.json";
  const f = load(file);
  check(file, "digest (any changed byte fails)", digest(f), PINNED[file]);
  const r = decodeRequest(f.logs[0].data);
  check(file, "keccak256(abi.encode(transaction)) = the event's txHash", r.hash, r.txHash);
  const e = f.expected;
  check(file, "expected txHash / txId / from / to / value / gasLimit / toMint / data", [e.txHash, e.txId, e.from, e.to, e.value, e.gasLimit, e.toMint, e.data].join(),
    [r.txHash, r.txId, r.from, r.to, r.value, r.gasLimit, r.toMint, r.data].join());
  check(file, "the transaction's nonce is the priority op id (Mailbox: nonce = txId)", r.nonce, r.txId);
  check(file, "no token call: asset 0, amount = value", [e.asset, e.amount].join(), ["0x" + "0".repeat(40), r.value].join());
}

// ---- REAL fields of an Era mainnet priority op, and its SYNTHETIC NewPriorityRequest ----
const op67File = "era-mainnet-priority-op-67.json";
const op67 = load(op67File);
{
  check(op67File, "digest of the real fields (any changed byte fails)", digest(op67), PINNED[op67File]);
  const r = op67.realFields;
  const t = { from: r.sender, to: r.contractAddress, gasLimit: r.gasLimit, gasPerPubdata: r.gasPerPubdataLimit, maxFeePerGas: r.maxFeePerGas, value: r.value,
    toMint: r.toMint, refundRecipient: r.refundRecipient, data: r.calldata };
  const encoded = encodeRequest(t, r.serialId, 0);
  check(op67File, "keccak256(abi.encode(transaction rebuilt from the mainnet RPC's fields)) = the published canonicalTxHash", encoded.hash, r.canonicalTxHash);
  const log = { address: "0x32400084c286cf3e17e7b677ea9583e60a000324", blockHash: "0x" + "b0".repeat(32), blockNumber: "0x" + r.ethBlock.toString(16),
    data: encoded.data, logIndex: "0x0", removed: false, topics: [NEW_PRIORITY_REQUEST], transactionHash: "0x" + "5e".repeat(31) + "67", transactionIndex: "0x0" };
  if (write) writeFileSync(join(here, op67File), JSON.stringify({ ...op67, logs: [log] }, null, 2) + "\n");
  const stored = load(op67File);
  check(op67File, "stored SYNTHETIC log = the encoding of the real fields", JSON.stringify(stored.logs), JSON.stringify([log]));
  check(op67File, "expected.txHash = the published canonicalTxHash, txId = serial id", [op67.expected.txHash, op67.expected.txId].join(), [r.canonicalTxHash, r.serialId].join());
  check(op67File, "the stored log decodes back to the same hash", decodeRequest(stored.logs[0].data).hash, r.canonicalTxHash);
}

// ---- REAL: the local ETH withdrawal ----
const ethWithdrawalFile = "viem-local-l2-eth-withdrawal.json";
const ethWithdrawal = load(ethWithdrawalFile);
{
  const f = ethWithdrawal;
  check(ethWithdrawalFile, "digest (any changed byte fails)", digest(f), PINNED[ethWithdrawalFile]);
  const [logSent, messageSent, withdrawal] = f.logs;
  check(ethWithdrawalFile, "L1MessageSent from the L1Messenger, sender L2BaseToken", [messageSent.address, messageSent.topics[0], addr(messageSent.topics[1])].join(),
    ["0x0000000000000000000000000000000000008008", L1_MESSAGE_SENT, "0x000000000000000000000000000000000000800a"].join());
  const message = abiBytes(messageSent.data, 0);
  check(ethWithdrawalFile, "_hash = keccak256(_message)", keccakHex(message), messageSent.topics[2]);
  check(ethWithdrawalFile, "the message's own L2->L1 log (L2ToL1LogSent: sender 0x…8008, key = L2BaseToken, value = the hash)",
    [addr(word(logSent.data, 3)), addr(word(logSent.data, 4)), word(logSent.data, 5)].join(), ["0x0000000000000000000000000000000000008008", "0x000000000000000000000000000000000000800a", messageSent.topics[2]].join());
  check(ethWithdrawalFile, "message = finalizeEthWithdrawal.selector ‖ receiver ‖ amount (56 bytes)", [slice(message, 0, 4), strip(message).length / 2].join(), [FINALIZE_ETH_WITHDRAWAL, 56].join());
  const receiver = slice(message, 4, 20), amount = uintAt(message, 24, 32);
  check(ethWithdrawalFile, "L2BaseToken Withdrawal(l2Sender, l1Receiver, amount) agrees", [addr(withdrawal.topics[2]), BigInt(word(withdrawal.data, 0))].join(), [receiver, amount].join());
  const e = f.expected;
  const aid = assetId(e.l1ChainId, ETH_TOKEN);
  check(ethWithdrawalFile, "expected receiver / amount / messageHash / assetId / key", [e.receiver, e.amount, e.messageHash, e.assetId, e.key].join(),
    [receiver, amount, messageSent.topics[2], aid, withdrawalKey(f.chainId, aid, receiver, amount)].join());
}

// ---- REAL: the local failed deposit's status log ----
{
  const file = "viem-local-l2-failed-deposit-status.json";
  const f = load(file);
  check(file, "digest (any changed byte fails)", digest(f), PINNED[file]);
  const status = f.logs[1];
  check(file, "L2ToL1LogSent from the L1Messenger", [status.address, status.topics[0]].join(), ["0x0000000000000000000000000000000000008008", L2_TO_L1_LOG_SENT].join());
  check(file, "sender = the bootloader, key = the transaction's own hash, value = 0 (failure)",
    [addr(word(status.data, 3)), word(status.data, 4), BigInt(word(status.data, 5))].join(), ["0x0000000000000000000000000000000000008001", status.transactionHash, 0n].join());
  check(file, "expected txHash / status", [f.expected.txHash, f.expected.status].join(), [status.transactionHash, 0].join());
  const input = "0x" + strip(f.depositInput);
  const a = slice(input, 4);
  check(file, "the transaction's input is the legacy finalizeDeposit(l1Sender, l2Receiver, l1Token, amount, data)", slice(input, 0, 4), LEGACY_FINALIZE_DEPOSIT);
  check(file, "expected l1Token / amount", [f.expected.l1Token, f.expected.amount].join(), [addr(word(a, 2)), BigInt(word(a, 3))].join());
}

// ---- SYNTHETIC logs ----
const topicWord = (v) => "0x" + pad32(BigInt(v));
const topicAddr = (a) => "0x" + padHex32(a);
const mkLog = (address, topics, data, tx, index) => ({ address, topics, data, blockNumber: "0x1", transactionHash: tx, logIndex: "0x" + index.toString(16), removed: false });
const l1MessageSentLog = (sender, message, tx) => mkLog("0x0000000000000000000000000000000000008008", [L1_MESSAGE_SENT, topicAddr(sender), keccakHex(message)], "0x" + pad32(32) + tail(message), tx, 0);
const user = "0x000000000000000000000000000000000000beef", usdc = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48";
const l1Vault = "0xbed1eb542f9a5aa6419ff3deb921a372681111f6", l1SharedBridge = "0xd7f9f54194c633f36ccd5f3da84ad4a1c38cb2cb";
const bridgeMintData = (caller, receiver, token, amount) => pad32(BigInt(caller)) + padHex32(receiver) + padHex32(token) + pad32(BigInt(amount)) + pad32(160) + pad32(0);
const usdcAsset = assetId(1, usdc);
const synthetic = [
  { file: "synthetic-era-l2-deposit-status-success.json", chainId: 324,
    note: "The L2 side of the real Era mainnet priority op 67 (era-mainnet-priority-op-67.json): the bootloader's status log (sender 0x…8001, key = the op's canonical hash, value 1 = success) as the L1Messenger emits it, in the L2 transaction with that hash.",
    logs: [mkLog("0x0000000000000000000000000000000000008008", [L2_TO_L1_LOG_SENT],
      "0x" + pad32(0) + pad32(1) + pad32(0) + padHex32("0x0000000000000000000000000000000000008001") + strip(op67.realFields.canonicalTxHash) + pad32(1), op67.realFields.canonicalTxHash, 0)],
    expected: { key: op67.realFields.canonicalTxHash, kind: "MessageRelayed" } },
  { file: "synthetic-l1-bridge-mint-local-eth-withdrawal.json", chainId: 9,
    note: "The L1 finalization of the real local ETH withdrawal (viem-local-l2-eth-withdrawal.json): the L1 native token vault's BridgeMint(271, ETH asset id of L1 chain 9, receiver, amount). The local vault's address is made up; tests configure it.",
    logs: [mkLog("0x1000000000000000000000000000000000000001", [BRIDGE_MINT, topicWord(271), assetId(9, ETH_TOKEN)], "0x" + padHex32(ethWithdrawal.expected.receiver) + pad32(BigInt(ethWithdrawal.expected.amount)), "0x" + "5e".repeat(31) + "01", 0)],
    expected: { key: withdrawalKey(271, assetId(9, ETH_TOKEN), ethWithdrawal.expected.receiver, ethWithdrawal.expected.amount) } },
  { file: "synthetic-era-l2-eth-withdrawal.json", chainId: 324,
    note: "A base-token (ETH) withdrawal on Era mainnet as L2BaseToken sends it: finalizeEthWithdrawal.selector ‖ receiver ‖ 0.25 ETH (the real local withdrawal's format, mainnet addresses; receiver made up).",
    logs: [l1MessageSentLog("0x000000000000000000000000000000000000800a", FINALIZE_ETH_WITHDRAWAL + strip(user) + pad32(25n * 10n ** 16n), "0x" + "5e".repeat(31) + "02")],
    expected: { key: withdrawalKey(324, assetId(1, ETH_TOKEN), user, 25n * 10n ** 16n), amount: String(25n * 10n ** 16n) } },
  { file: "synthetic-era-l1-eth-finalizations.json", chainId: 1,
    note: "Both L1 finalization shapes of synthetic-era-l2-eth-withdrawal.json: the v24/v25 L1SharedBridge's WithdrawalFinalizedSharedBridge(324, receiver, ETH_TOKEN_ADDRESS, amount) and the v26+ L1NativeTokenVault's BridgeMint(324, ETH asset id, receiver, amount) (two transactions; a real finalization emits one of them).",
    logs: [mkLog(l1SharedBridge, [SHARED_BRIDGE_FINALIZED, topicWord(324), topicAddr(user), topicAddr(ETH_TOKEN)], "0x" + pad32(25n * 10n ** 16n), "0x" + "5e".repeat(31) + "03", 0),
      mkLog(l1Vault, [BRIDGE_MINT, topicWord(324), assetId(1, ETH_TOKEN)], "0x" + padHex32(user) + pad32(25n * 10n ** 16n), "0x" + "5e".repeat(31) + "04", 0)],
    expected: { key: withdrawalKey(324, assetId(1, ETH_TOKEN), user, 25n * 10n ** 16n) } },
  { file: "synthetic-era-l2-token-withdrawals.json", chainId: 324,
    note: "USDC withdrawals on Era mainnet in both token formats L1 accepts: legacy finalizeWithdrawal.selector ‖ receiver ‖ l1Token ‖ amount from Era's legacy L2 bridge (0x11f9…E102), and the asset router's finalizeWithdrawal.selector ‖ assetId ‖ abi.encode(originalCaller, receiver, originToken, amount, metadata) from the L2AssetRouter (0x…10003). Amounts 1.5 and 2.5 USDC.",
    logs: [l1MessageSentLog("0x11f943b2c77b743ab90f4a0ae7d5a4e7fca3e102", LEGACY_FINALIZE_WITHDRAWAL + strip(user) + strip(usdc) + pad32(1500000n), "0x" + "5e".repeat(31) + "05"),
      l1MessageSentLog("0x0000000000000000000000000000000000010003", ASSET_ROUTER_FINALIZE_WITHDRAWAL + strip(usdcAsset) + bridgeMintData(0xcafen, user, usdc, 2500000n), "0x" + "5e".repeat(31) + "06")],
    expected: { keys: [withdrawalKey(324, usdcAsset, user, 1500000n), withdrawalKey(324, usdcAsset, user, 2500000n)], usdcAssetId: usdcAsset } },
  { file: "synthetic-era-l1-token-finalizations.json", chainId: 1,
    note: "The L1 finalizations of synthetic-era-l2-token-withdrawals.json: WithdrawalFinalizedSharedBridge(324, receiver, USDC, 1.5 USDC) and BridgeMint(324, USDC asset id, receiver, 2.5 USDC).",
    logs: [mkLog(l1SharedBridge, [SHARED_BRIDGE_FINALIZED, topicWord(324), topicAddr(user), topicAddr(usdc)], "0x" + pad32(1500000n), "0x" + "5e".repeat(31) + "07", 0),
      mkLog(l1Vault, [BRIDGE_MINT, topicWord(324), usdcAsset], "0x" + padHex32(user) + pad32(2500000n), "0x" + "5e".repeat(31) + "08", 0)],
    expected: { keys: [withdrawalKey(324, usdcAsset, user, 1500000n), withdrawalKey(324, usdcAsset, user, 2500000n)] } },
];
for (const s of synthetic) {
  if (write) {
    writeFileSync(join(here, s.file), JSON.stringify({ source: "SYNTHETIC: encoded by verify.mjs from the event ABIs, not taken from a chain",
      note: s.note, chainId: s.chainId, logs: s.logs, expected: s.expected }, (k, v) => (typeof v === "bigint" ? String(v) : v), 2) + "\n");
  }
  const stored = load(s.file);
  check(s.file, "stored logs = the ABI encoding", JSON.stringify(stored.logs.map((l) => [l.address, l.topics, l.data])), JSON.stringify(s.logs.map((l) => [l.address, l.topics, l.data])));
  check(s.file, "expected keys", JSON.stringify(stored.expected), JSON.stringify(s.expected, (k, v) => (typeof v === "bigint" ? String(v) : v)));
}
// The pairs: each L2 withdrawal's key equals its L1 finalization's key (computed on each side from that side's own fields).
check("pairs", "Era ETH withdrawal = both L1 finalization shapes", load("synthetic-era-l2-eth-withdrawal.json").expected.key, load("synthetic-era-l1-eth-finalizations.json").expected.key);
check("pairs", "local ETH withdrawal (real) = its BridgeMint", ethWithdrawal.expected.key, load("synthetic-l1-bridge-mint-local-eth-withdrawal.json").expected.key);
finish();
