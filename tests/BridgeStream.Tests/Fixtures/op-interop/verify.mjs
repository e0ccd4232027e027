// OP Superchain interop fixtures (see README.md). Two parts:
// 1. REAL data, never written by this script: a SentMessage from supersim (the real predeploys on local chains; no mainnet
//    chain runs interop), the first devnet version's anonymous SentMessage, and a devnet ExecutingMessage. Checked below.
// 2. synthetic-*.json: SYNTHETIC destination-side receipts (CrossL2Inbox ExecutingMessage + RelayedMessage, one per
//    RelayedMessage version) for the real message. This script generates them (`node verify.mjs --write`) and checks them.
// The key is recomputed without the C# code as Hashing.hashL2toL2CrossDomainMessage does:
// keccak256(abi.encode(destination, source, nonce, sender, target, message)) (contracts-bedrock src/libraries/Hashing.sol),
// and must equal the hash supersim itself printed for the message.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { abiBytes, check, finish, keccakHex, keccakText, pad32, padHex32, selfTest, slice, strip, word } from "../lib/slices.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const load = (f) => JSON.parse(readFileSync(join(here, f), "utf8"));
const addr = (w) => "0x" + strip(w).slice(-40);
const MESSENGER = "0x4200000000000000000000000000000000000023", INBOX = "0x4200000000000000000000000000000000000022";

const SENT = keccakText("SentMessage(uint256,address,uint256,address,bytes)");
const RELAYED_V1 = keccakText("RelayedMessage(uint256,uint256,bytes32)");
const RELAYED_V2 = keccakText("RelayedMessage(uint256,uint256,bytes32,bytes32)");
const EXECUTING = keccakText("ExecutingMessage(bytes32,(address,uint256,uint256,uint256,uint256))");
const RELAY_ERC20 = keccakText("relayERC20(address,address,address,uint256)").slice(0, 10);
const RELAY_V0 = keccakText("relayMessage(uint256,uint256,uint256,address,address,bytes)").slice(0, 10);
selfTest();
check("signatures", "SentMessage topic0 = SENT_MESSAGE_EVENT_SELECTOR in L2ToL2CrossDomainMessenger.sol", SENT, "0x382409ac69001e11931a28435afef442cbfd20d9891907e8fa373ba7d351f320");
check("signatures", "RelayedMessage (1.0.0-beta) topic0 (as in Blockscout's interop fetcher and op-bindings)", RELAYED_V1, "0x5948076590932b9d173029c7df03fe386e755a61c86c7fe2671011a2faa2a379");
check("signatures", "ExecutingMessage topic0 (as in the real devnet log and op-supervisor)", EXECUTING, "0x5c37832d2e8d10e346e55ad62071a6a2f9fa5130614ef2ec6617555c6f467ba7");
check("signatures", "relayERC20 selector (as in the real message)", RELAY_ERC20, "0x7cfd6dbc");
check("signatures", "v0 relayMessage selector (as in the real anonymous log)", RELAY_V0, "0x1ecd26f2");

const tail = (hex) => pad32(strip(hex).length / 2) + strip(hex).padEnd(Math.ceil(strip(hex).length / 64) * 64, "0");
const messageHash = (m) => keccakHex("0x" + pad32(m.destination) + pad32(m.source) + pad32(m.nonce) + padHex32(m.sender) + padHex32(m.target) + pad32(0xc0) + tail(m.message));
const payloadOf = (log) => "0x" + log.topics.map(strip).join("") + strip(log.data);

const PINNED = {
  "supersim-901-send-superchain-token-bridge.json": "0x876adb65f37ecab742ddd034213ac8d3988fff61e589d2c78e588b5bbdcc12bd",
  "supersim-901-send-v0-anonymous.json": "0x1a605453b109a67ce110eebb8feb3502ed38d63749ba5b751241df9b5bb16277",
  "devnet-executing-message-other-app.json": "0x6b81779d715b8b65ed5b4df60e86d54cd0021e09633af31a8ad82e46a53aedf1",
};
const digest = (f) => keccakText(JSON.stringify([f.logs.map((l) => [l.address, l.blockNumber, l.blockHash, l.transactionHash, l.logIndex, l.topics, l.data]), f.payload ?? "", f.publishedMessageHash ?? "", f.blockTimestamp ?? 0]));

// ---- the real send ----
const sendFile = "supersim-901-send-superchain-token-bridge.json";
const f = load(sendFile);
check(sendFile, "digest (any changed byte fails)", digest(f), PINNED[sendFile]);
const sent = f.logs[0];
check(sendFile, "emitted by the messenger predeploy with the SentMessage topic", [sent.address, sent.topics[0], sent.topics.length].join(), [MESSENGER, SENT, 4].join());
const m = { destination: BigInt(sent.topics[1]), source: BigInt(f.chainId), target: addr(sent.topics[2]), nonce: BigInt(sent.topics[3]),
  sender: addr(word(sent.data, 0)), message: abiBytes(sent.data, 1) };
check(sendFile, "hashL2toL2CrossDomainMessage(902, 901, nonce, sender, target, message) = supersim's published msgHash", messageHash(m), f.publishedMessageHash);
const e = f.expected;
check(sendFile, "expected.messageHash", e.messageHash, f.publishedMessageHash);
check(sendFile, "expected route / nonce / sender / target / message", [e.sourceChainId, e.destinationChainId, e.nonce, e.sender, e.target, e.message].join(),
  [m.source, m.destination, m.nonce, m.sender, m.target, m.message].join());
check(sendFile, "the guide's payload = topics ‖ data of the log (what relayMessage and the inbox hash)", f.payload, payloadOf(sent));
check(sendFile, "expected.payloadHash = keccak256(payload) (the ExecutingMessage msgHash of its relay)", e.payloadHash, keccakHex(f.payload));
const args = slice(m.message, 4);
check(sendFile, "SuperchainTokenBridge relayERC20(token, from, to, amount): expected asset = token, amount = amount",
  [slice(m.message, 0, 4), e.asset, e.amount].join(), [RELAY_ERC20, addr(word(args, 0)), BigInt(word(args, 3))].join());

// ---- the unsupported first version ----
{
  const file = "supersim-901-send-v0-anonymous.json";
  const v = load(file);
  check(file, "digest (any changed byte fails)", digest(v), PINNED[file]);
  const log = v.logs[0];
  check(file, "an anonymous LOG0 (no topic0) from the messenger", [log.address, log.topics.length].join(), [MESSENGER, 0].join());
  const a = slice(log.data, 4);
  check(file, "its data is the v0 relayMessage(destination, source, nonce, sender, target, message) call", slice(log.data, 0, 4), RELAY_V0);
  check(file, "expected destination / source / nonce / sender / target", [v.expected.destinationChainId, v.expected.sourceChainId, v.expected.nonce, v.expected.sender, v.expected.target].join(),
    [BigInt(word(a, 0)), BigInt(word(a, 1)), BigInt(word(a, 2)), addr(word(a, 3)), addr(word(a, 4))].join());
}

// ---- the real executing message of another application ----
{
  const file = "devnet-executing-message-other-app.json";
  const x = load(file);
  check(file, "digest (any changed byte fails)", digest(x), PINNED[file]);
  const log = x.logs[0];
  check(file, "ExecutingMessage from the CrossL2Inbox predeploy", [log.address, log.topics[0]].join(), [INBOX, EXECUTING].join());
  const id = { origin: addr(word(log.data, 0)), blockNumber: BigInt(word(log.data, 1)), logIndex: BigInt(word(log.data, 2)), timestamp: BigInt(word(log.data, 3)), chainId: BigInt(word(log.data, 4)) };
  check(file, "identifier = the values op-supervisor's test asserts (origin, block 4509, log 0, timestamp 1730467171, chain 900200)",
    [x.expected.origin, x.expected.blockNumber, x.expected.logIndex, x.expected.timestamp, x.expected.chainId, x.expected.msgHash].join(),
    [id.origin, id.blockNumber, id.logIndex, id.timestamp, id.chainId, log.topics[1]].join());
  check(file, "its origin is not the messenger (so it is not a messenger message)", id.origin === MESSENGER, false);
}

// ---- SYNTHETIC relay receipts of the real message on chain 902 ----
// relayMessage(id, payload) calls CrossL2Inbox.validateMessage(id, keccak256(payload)) -> ExecutingMessage(msgHash, id), then the
// target, then emits RelayedMessage(source, nonce, messageHash[, returnDataHash]). relayERC20 returns nothing: returnDataHash =
// keccak256("").
const id = "0x" + padHex32(MESSENGER) + pad32(BigInt(sent.blockNumber)) + pad32(BigInt(sent.logIndex)) + pad32(f.blockTimestamp) + pad32(901n);
const relayTx = "0x" + "5e".repeat(31) + "02";
const receipt = (relayTopic, relayData) => [
  { address: INBOX, topics: [EXECUTING, keccakHex(f.payload)], data: id, blockNumber: "0x9", transactionHash: relayTx, logIndex: "0x0", removed: false },
  { address: MESSENGER, topics: [relayTopic, "0x" + pad32(901n), "0x" + pad32(m.nonce), messageHash(m)], data: relayData, blockNumber: "0x9", transactionHash: relayTx, logIndex: "0x2", removed: false },
];
const synthetic = [
  { file: "synthetic-902-relay-v1beta.json", version: "1.0.0-beta (RelayedMessage(uint256,uint256,bytes32))", logs: receipt(RELAYED_V1, "0x") },
  { file: "synthetic-902-relay-v2.json", version: "2.0.0 (RelayedMessage(uint256,uint256,bytes32,bytes32))", logs: receipt(RELAYED_V2, keccakHex("0x")) },
];
for (const s of synthetic) {
  if (process.argv.includes("--write")) {
    writeFileSync(join(here, s.file), JSON.stringify({ source: "SYNTHETIC: encoded by verify.mjs from the event ABIs and the real supersim message, not taken from a chain",
      note: `No real destination-side receipt of an interop relay was found in public data. This is the ${s.version} relay of the real message in supersim-901-send-superchain-token-bridge.json on chain 902: the ExecutingMessage relayMessage triggers (msgHash = keccak256 of the message's payload, identifier = its log on chain 901) and the RelayedMessage (log index 2; the target's own logs would sit at 1).`,
      chainId: 902, logs: s.logs, expected: { messageHash: messageHash(m), sourceChainId: 901, destinationChainId: 902, nonce: String(m.nonce) } }, null, 2) + "\n");
  }
  const stored = load(s.file);
  check(s.file, "stored logs = the ABI encoding", JSON.stringify(stored.logs.map((l) => [l.address, l.topics, l.data])), JSON.stringify(s.logs.map((l) => [l.address, l.topics, l.data])));
  check(s.file, "expected.messageHash = the real message's hash", stored.expected.messageHash, f.publishedMessageHash);
}
finish();
