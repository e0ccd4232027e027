// Verifies the Arbitrum L2->L1 (ArbSys L2ToL1Tx -> Outbox OutBoxTransactionExecuted) fixtures in this folder.
// No dependencies: `node verify.mjs` (add `--print` to dump what was decoded). Exit code 1 on any mismatch.
//
// Sends: L2ToL1Tx decodes to `expected`; its `hash` topic equals ArbSys.go's sendHash recomputed from the event's own
// fields, keccak256(caller ++ destination ++ arbBlockNum ++ ethBlockNum ++ timestamp ++ callvalue ++ data); a gateway
// WithdrawalInitiated in the same receipt carries the same position as _l2ToL1Id.
// Keys: keccak256(uint64 L2 chain id ++ uint256 position) (ArbitrumOutboxKey): a send's L2 is its chain, a relay's the
// fixture's l2ChainId (its Outbox's rollup).
// Relays: OutBoxTransactionExecuted decodes to `expected`; its transactionIndex, to and l2Sender equal the index, to and
// l2Sender arguments of the real executeTransaction calldata, whose item hash (the same sendHash) is printed with --print.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { keccakHex, keccakText, keccakSelfTest } from "../lib/bytes.mjs";

const TOPIC = {
  L2ToL1Tx: keccakText("L2ToL1Tx(address,address,uint256,uint256,uint256,uint256,uint256,uint256,bytes)"),
  OutBoxTransactionExecuted: keccakText("OutBoxTransactionExecuted(address,address,uint256,uint256)"),
  WithdrawalInitiated: keccakText("WithdrawalInitiated(address,address,address,uint256,uint256,uint256)"),
};
// topic0 values as they appear in the real logs (RSS3-Network/Node test receipts).
const REAL_TOPICS = {
  L2ToL1Tx: "0x3e7aafa77dbf186b7fd488006beff893744caa3c4f6f299e8a709fa2087374fc",
  OutBoxTransactionExecuted: "0x20af7f3bbfe38132b8900ae295cd9c8d1914be7052d061a511f3f728dab18964",
  WithdrawalInitiated: "0x3073a74ecb728d10be779fe19a74a1428e20468f5b4d167bf9c73d9067847d73",
};
const EXECUTE_TRANSACTION = keccakText("executeTransaction(bytes32[],uint256,address,address,uint256,uint256,uint256,uint256,bytes)").slice(0, 10);

const body = (hex) => hex.replace(/^0x/, "");
const word = (hex, i) => body(hex).slice(i * 64, i * 64 + 64);
const toUint = (w) => BigInt("0x" + (w || "0"));
const toAddress = (w) => "0x" + w.slice(24);
function readBytes(hex, headIndex) {
  const b = body(hex);
  const offset = Number(toUint(word(hex, headIndex)));
  const length = Number(toUint(b.slice(offset * 2, offset * 2 + 64)));
  return "0x" + b.slice(offset * 2 + 64, offset * 2 + 64 + length * 2);
}
const sendHash = (s) => keccakHex("0x" + body(s.caller) + body(s.destination) + [s.arbBlockNum, s.ethBlockNum, s.timestamp, s.callvalue]
  .map((n) => n.toString(16).padStart(64, "0")).join("") + body(s.data));

let failures = 0;
function check(name, what, actual, expected) {
  const ok = String(actual).toLowerCase() === String(expected).toLowerCase();
  if (!ok) failures++;
  console.log(`${ok ? "ok  " : "FAIL"} ${name}: ${what}${ok ? "" : ` (got ${actual}, expected ${expected})`}`);
}

function selfTest() {
  for (const [what, actual, expected] of keccakSelfTest()) check("keccak", what, actual, expected);
  for (const [name, topic] of Object.entries(REAL_TOPICS)) check("keccak", `topic0 of ${name}`, TOPIC[name], topic);
  check("keccak", "executeTransaction selector (the relay calldata's first 4 bytes)", EXECUTE_TRANSACTION, "0x08635a95");
}

// The key: keccak256(uint64 L2 chain id ++ uint256 position); the position alone repeats across Arbitrum chains.
function compare(name, expected, decoded, l2ChainId) {
  const position = decoded.position ?? decoded.transactionIndex;
  const key = keccakHex("0x" + BigInt(l2ChainId).toString(16).padStart(16, "0") + position.toString(16).padStart(64, "0"));
  check(name, `expected.key = keccak256(l2ChainId ${l2ChainId} ++ position)`, key, expected.key);
  for (const [field, value] of Object.entries(decoded)) check(name, `expected.${field}`, value, expected[field]);
}

function checkSend(name, fixture, log, print) {
  const s = {
    position: toUint(body(log.topics[3])), destination: toAddress(body(log.topics[1])), caller: toAddress(word(log.data, 0)),
    arbBlockNum: toUint(word(log.data, 1)), ethBlockNum: toUint(word(log.data, 2)), timestamp: toUint(word(log.data, 3)),
    callvalue: toUint(word(log.data, 4)), data: readBytes(log.data, 5),
  };
  if (print) console.log(name, s);
  check(name, "ArbSys sendHash(fields) = the hash topic", sendHash(s), log.topics[2]);
  const gateway = fixture.logs.find((l) => l.topics[0] === TOPIC.WithdrawalInitiated);
  if (gateway !== undefined) check(name, "gateway WithdrawalInitiated._l2ToL1Id = position", toUint(body(gateway.topics[3])), s.position);
  compare(name, fixture.expected, s, fixture.chainId);
}

function checkRelay(name, fixture, log, print) {
  const r = { transactionIndex: toUint(word(log.data, 0)), to: toAddress(body(log.topics[1])), l2Sender: toAddress(body(log.topics[2])),
    zero: toUint(body(log.topics[3])) };
  const input = fixture.transaction?.input;
  if (input === undefined) throw new Error("a relay fixture needs transaction.input (executeTransaction calldata)");
  check(name, "relay tx calls executeTransaction", input.slice(0, 10), EXECUTE_TRANSACTION);
  const args = "0x" + input.slice(10);
  check(name, "calldata index = transactionIndex", toUint(word(args, 1)), r.transactionIndex);
  check(name, "calldata l2Sender = event l2Sender", toAddress(word(args, 2)), r.l2Sender);
  check(name, "calldata to = event to", toAddress(word(args, 3)), r.to);
  const item = { caller: toAddress(word(args, 2)), destination: toAddress(word(args, 3)), arbBlockNum: toUint(word(args, 4)),
    ethBlockNum: toUint(word(args, 5)), timestamp: toUint(word(args, 6)), callvalue: toUint(word(args, 7)), data: readBytes(args, 8) };
  if (print) console.log(name, { ...r, itemHash: sendHash(item) });
  if (fixture.l2ChainId === undefined) throw new Error("a relay fixture needs l2ChainId (the L2 of its Outbox)");
  compare(name, fixture.expected, r, fixture.l2ChainId);
}

const here = dirname(fileURLToPath(import.meta.url));
const print = process.argv.includes("--print");
selfTest();
for (const file of readdirSync(here).filter((f) => f.endsWith(".json")).sort()) {
  try {
    const fixture = JSON.parse(readFileSync(join(here, file), "utf8"));
    const send = fixture.logs.find((l) => l.topics[0] === TOPIC.L2ToL1Tx);
    const relay = fixture.logs.find((l) => l.topics[0] === TOPIC.OutBoxTransactionExecuted);
    if (send !== undefined) checkSend(file, fixture, send, print);
    else if (relay !== undefined) checkRelay(file, fixture, relay, print);
    else throw new Error("neither L2ToL1Tx nor OutBoxTransactionExecuted among the logs");
  } catch (error) {
    check(file, `readable fixture (${error.message})`, false, true);
  }
}
console.log(failures === 0 ? "all checks passed" : `${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
