// Verifies the OP Stack CrossDomainMessenger fixtures in this folder. No dependencies: run `node verify.mjs`
// (add `--print` to dump what was decoded). Exit code 1 on any mismatch.
//
// What is checked, per fixture:
//  - every topic0 is keccak256 of the event signature it claims to be;
//  - SentMessage + SentMessageExtension1 decode to "expected" and hashCrossDomainMessageV1 of them equals expected.msgHash;
//  - that msgHash also equals keccak256 of an independent real copy of the same relayMessage calldata, when the fixture
//    carries one: OptimismPortal TransactionDeposited opaqueData (L1->L2), L2ToL1MessagePasser MessagePassed data (L2->L1);
//  - MessagePassed's withdrawalHash equals keccak256(abi.encode(withdrawal tuple));
//  - RelayedMessage's msgHash equals expected.msgHash and keccak256 of the relay transaction's relayMessage calldata
//    (the L2 deposit tx input, or the withdrawal data inside OptimismPortal.finalizeWithdrawalTransaction input,
//    whose tuple must also hash to WithdrawalFinalized's withdrawalHash).
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// ---------- keccak256: the shared one of all fixture checkers ----------
import { keccak256 } from "../lib/keccak.mjs";

// ---------- hex / ABI helpers ----------
const hexToBytes = (hex) => Uint8Array.from(Buffer.from(hex.replace(/^0x/, ""), "hex"));
const keccakHex = (hex) => keccak256(hexToBytes(hex));
const keccakText = (text) => keccak256(new TextEncoder().encode(text));
const word = (hex, i) => hex.replace(/^0x/, "").slice(i * 64, i * 64 + 64);
const wordAt = (hex, byteOffset) => hex.replace(/^0x/, "").slice(byteOffset * 2, byteOffset * 2 + 64);
const toUint = (w) => BigInt("0x" + w);
const toAddress = (w) => "0x" + w.slice(24).toLowerCase();
const pad32 = (v) => v.toString(16).padStart(64, "0");
const padAddress = (a) => a.replace(/^0x/, "").toLowerCase().padStart(64, "0");

// Dynamic `bytes` whose head word (at word index `headIndex`) holds the offset, relative to `base` bytes.
function readBytes(hex, headIndex, base = 0) {
  const body = hex.replace(/^0x/, "");
  const offset = Number(toUint(body.slice(base * 2 + headIndex * 64, base * 2 + headIndex * 64 + 64)));
  const start = (base + offset) * 2;
  const length = Number(toUint(body.slice(start, start + 64)));
  return "0x" + body.slice(start + 64, start + 64 + length * 2);
}

function encodeBytesTail(bytesHex) {
  const body = bytesHex.replace(/^0x/, "");
  const length = body.length / 2;
  return pad32(BigInt(length)) + body.padEnd(Math.ceil(length / 32) * 64, "0");
}

// abi.encode(uint256 nonce, address sender, address target, uint256 value, uint256 gasLimit, bytes message)
function encodeMessageTuple(m) {
  return pad32(m.nonce) + padAddress(m.sender) + padAddress(m.target) + pad32(m.value) + pad32(m.gasLimit) +
    pad32(0xc0n) + encodeBytesTail(m.message);
}

const RELAY_MESSAGE_SELECTOR = keccakText("relayMessage(uint256,address,address,uint256,uint256,bytes)").slice(0, 10);
const relayCalldata = (m) => RELAY_MESSAGE_SELECTOR + encodeMessageTuple(m);
const hashCrossDomainMessageV1 = (m) => keccakHex(relayCalldata(m));

function decodeRelayCalldata(calldata) {
  if (!calldata.startsWith(RELAY_MESSAGE_SELECTOR)) throw new Error(`not relayMessage calldata: ${calldata.slice(0, 10)}`);
  const args = "0x" + calldata.slice(10);
  return {
    nonce: toUint(word(args, 0)), sender: toAddress(word(args, 1)), target: toAddress(word(args, 2)),
    value: toUint(word(args, 3)), gasLimit: toUint(word(args, 4)), message: readBytes(args, 5),
  };
}

// ---------- events ----------
const TOPIC = {
  SentMessage: keccakText("SentMessage(address,address,bytes,uint256,uint256)"),
  SentMessageExtension1: keccakText("SentMessageExtension1(address,uint256)"),
  RelayedMessage: keccakText("RelayedMessage(bytes32)"),
  FailedRelayedMessage: keccakText("FailedRelayedMessage(bytes32)"),
  TransactionDeposited: keccakText("TransactionDeposited(address,address,uint256,bytes)"),
  MessagePassed: keccakText("MessagePassed(uint256,address,address,uint256,uint256,bytes,bytes32)"),
  WithdrawalFinalized: keccakText("WithdrawalFinalized(bytes32,bool)"),
};
const KNOWN_TOPICS = {
  "0xcb0f7ffd78f9aee47a248fae8db181db6eee833039123e026dcbff529522e52a": "SentMessage",
  "0x8ebb2ec2465bdb2a06a66fc37a0963af8a2a6a1479d81d56fdb8cbb98096d546": "SentMessageExtension1",
  "0x4641df4a962071e12719d8c8c8e5ac7fc4d97b927346a3d7a335b1f7517e133c": "RelayedMessage",
  "0x99d0e048484baa1b1540b1367cb128acd7ab2946d1ed91ec10e3c85e4bf51b8f": "FailedRelayedMessage",
  "0xb3813568d9991fc951961fcb4c784893574240a28925604d09fc577c55bb7c32": "TransactionDeposited",
  "0x02a52367d10742d8032712c1bb8e0144ff1ec5ffda1ed7d70bb05a2744955054": "MessagePassed",
  "0xdb5c7652857aa163daadd670e116628fb42e869d8ac4251ef8971d9e5727df1b": "WithdrawalFinalized",
};

// ---------- checking ----------
let failures = 0;
function check(name, what, actual, expected) {
  const ok = String(actual).toLowerCase() === String(expected).toLowerCase();
  if (!ok) failures++;
  console.log(`${ok ? "ok  " : "FAIL"} ${name}: ${what}${ok ? "" : ` (got ${actual}, expected ${expected})`}`);
}

function selfTest() {
  for (const [topic, name] of Object.entries(KNOWN_TOPICS)) check("keccak", `topic0 of ${name}`, TOPIC[name], topic);
  check("keccak", "empty input", keccak256(new Uint8Array()), "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  // Multi-block vectors (values from the js-sha3 package): 136 zero bytes (exactly one rate block) and bytes 0..299 mod 256.
  check("keccak", "136 zero bytes", keccak256(new Uint8Array(136)), "0x3a5912a7c5faa06ee4fe906253e339467a9ce87d533c65be3c15cb231cdb25f9");
  check("keccak", "300 counting bytes", keccak256(Uint8Array.from({ length: 300 }, (_, i) => i & 255)),
    "0xa679e749a6af300c36e7ff2255d220864eab27b382f9cfdc5aa4d13563ba36ff");
}

// TransactionDeposited(from, to, version, bytes opaqueData); opaqueData = mint(32) value(32) gasLimit(8) isCreation(1) data.
const depositedCalldata = (log) => "0x" + readBytes(log.data, 0).slice(2 + 2 * (32 + 32 + 8 + 1));

function checkMessagePassed(name, log, msgHash) {
  // MessagePassed(uint256 indexed nonce, address indexed sender, address indexed target, value, gasLimit, data, withdrawalHash)
  const data = readBytes(log.data, 2);
  check(name, "MessagePassed data hashes to msgHash", keccakHex(data), msgHash);
  const tuple = { nonce: toUint(word(log.topics[1], 0)), sender: toAddress(word(log.topics[2], 0)),
    target: toAddress(word(log.topics[3], 0)), value: toUint(word(log.data, 0)), gasLimit: toUint(word(log.data, 1)), message: data };
  check(name, "MessagePassed withdrawalHash = keccak256(abi.encode(withdrawal))", keccakHex(encodeMessageTuple(tuple)), "0x" + word(log.data, 3));
}

function checkSend(name, fixture, logs, print) {
  const sent = logs.find((l) => l.topics[0] === TOPIC.SentMessage);
  const ext = logs.find((l) => l.topics[0] === TOPIC.SentMessageExtension1);
  if (ext === undefined) throw new Error("a SentMessage without its SentMessageExtension1 log");
  check(name, "SentMessageExtension1 follows SentMessage", BigInt(ext.logIndex), BigInt(sent.logIndex) + 1n);
  check(name, "both logs from the same messenger", ext.address, sent.address);
  const m = { target: toAddress(word(sent.topics[1], 0)), sender: toAddress(word(sent.data, 0)), message: readBytes(sent.data, 1),
    nonce: toUint(word(sent.data, 2)), gasLimit: toUint(word(sent.data, 3)), value: toUint(word(ext.data, 0)) };
  check(name, "extension sender = SentMessage sender", toAddress(word(ext.topics[1], 0)), m.sender);
  const msgHash = hashCrossDomainMessageV1(m);
  if (print) console.log(name, { ...m, msgHash });
  compareExpected(name, fixture.expected, m, msgHash);
  for (const log of logs) {
    if (log.topics[0] === TOPIC.TransactionDeposited)
      check(name, "TransactionDeposited opaqueData calldata hashes to msgHash", keccakHex(depositedCalldata(log)), msgHash);
    if (log.topics[0] === TOPIC.MessagePassed) checkMessagePassed(name, log, msgHash);
  }
}

function checkRelay(name, fixture, logs, print) {
  const relayed = logs.find((l) => l.topics[0] === TOPIC.RelayedMessage || l.topics[0] === TOPIC.FailedRelayedMessage);
  if (relayed === undefined) throw new Error("neither SentMessage nor (Failed)RelayedMessage among the logs");
  if (fixture.transaction?.input === undefined) throw new Error("a relay fixture needs transaction.input to re-derive the msgHash");
  const msgHash = relayed.topics[1];
  const tx = fixture.transaction;
  const calldata = tx.kind === "finalizeWithdrawalTransaction" ? withdrawalData(name, tx.input, logs) : tx.input;
  check(name, "relay calldata hashes to the RelayedMessage msgHash", keccakHex(calldata), msgHash);
  const m = decodeRelayCalldata(calldata);
  if (print) console.log(name, { ...m, msgHash });
  compareExpected(name, fixture.expected, m, msgHash);
}

// finalizeWithdrawalTransaction((nonce, sender, target, value, gasLimit, data)); also checks WithdrawalFinalized's hash.
function withdrawalData(name, input, logs) {
  const args = "0x" + input.slice(10);
  const tupleBase = Number(toUint(word(args, 0)));
  const at = (i) => wordAt(args, tupleBase + 32 * i);
  const data = readBytes(args, 5, tupleBase);
  const tuple = { nonce: toUint(at(0)), sender: toAddress(at(1)), target: toAddress(at(2)), value: toUint(at(3)), gasLimit: toUint(at(4)), message: data };
  const finalized = logs.find((l) => l.topics[0] === TOPIC.WithdrawalFinalized);
  if (finalized === undefined) throw new Error("a finalizeWithdrawalTransaction relay without its WithdrawalFinalized log");
  check(name, "WithdrawalFinalized withdrawalHash = keccak256(abi.encode(withdrawal))", keccakHex(encodeMessageTuple(tuple)), finalized.topics[1]);
  return data;
}

function compareExpected(name, expected, m, msgHash) {
  if (expected === undefined) return check(name, "has an expected section", false, true);
  check(name, "expected.msgHash", msgHash, expected.msgHash);
  check(name, "expected.sender", m.sender, expected.sender);
  check(name, "expected.target", m.target, expected.target);
  check(name, "expected.value", m.value, expected.value);
  check(name, "expected.messageNonce", m.nonce, expected.messageNonce);
  check(name, "expected.gasLimit", m.gasLimit, expected.gasLimit);
  check(name, "expected.message", m.message, expected.message);
}

function checkFixture(path, print) {
  const name = path.split("/").pop();
  try {
    checkFixtureContent(name, JSON.parse(readFileSync(path, "utf8")), print);
  } catch (error) {
    check(name, `readable fixture (${error.message})`, false, true);
  }
}

function checkFixtureContent(name, fixture, print) {
  if (!Array.isArray(fixture.logs) || fixture.logs.length === 0) throw new Error("no logs array");
  for (const log of fixture.logs) check(name, `log ${log.logIndex} topic0 is a known event`, log.topics[0] in KNOWN_TOPICS, true);
  const isSend = fixture.logs.some((l) => l.topics[0] === TOPIC.SentMessage);
  (isSend ? checkSend : checkRelay)(name, fixture, fixture.logs, print);
}

const here = dirname(fileURLToPath(import.meta.url));
const print = process.argv.includes("--print");
selfTest();
for (const file of readdirSync(here).filter((f) => f.endsWith(".json")).sort()) checkFixture(join(here, file), print);
console.log(failures === 0 ? "all checks passed" : `${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
