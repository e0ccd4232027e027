// Verifies the OP Stack withdrawal fixtures in this folder, independently of the C# code. No dependencies:
// `node verify.mjs` (add `--print` to dump what was decoded). Exit code 1 on any mismatch.
//  - MessagePassed: the withdrawalHash the log carries equals keccak256(abi.encode(nonce, sender, target, value,
//    gasLimit, data)) (Hashing.hashWithdrawal), and the decoded fields equal `expected`;
//  - WithdrawalFinalized: the withdrawal tuple inside the real finalizeWithdrawalTransaction input hashes to the log's
//    withdrawalHash, and success equals `expected`.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { check, encodeBytesTail, finish, keccakHex, keccakText, pad32, padAddress, readBytes, selfTest, strip, toAddress, toUint, word } from "../lib/keccak.mjs";

const TOPIC = {
  MessagePassed: keccakText("MessagePassed(uint256,address,address,uint256,uint256,bytes,bytes32)"),
  WithdrawalProven: keccakText("WithdrawalProven(bytes32,address,address)"),
  WithdrawalProvenExtension1: keccakText("WithdrawalProvenExtension1(bytes32,address)"),
  WithdrawalFinalized: keccakText("WithdrawalFinalized(bytes32,bool)"),
};
const KNOWN = {
  MessagePassed: "0x02a52367d10742d8032712c1bb8e0144ff1ec5ffda1ed7d70bb05a2744955054",
  WithdrawalProven: "0x67a6208cfcc0801d50f6cbe764733f4fddf66ac0b04442061a8a8c0cb6b63f62",
  WithdrawalProvenExtension1: "0x798f9f13695f8f045aa5f80ed8efebb695f3c7fe65da381969f2f28bf3c60b97",
  WithdrawalFinalized: "0xdb5c7652857aa163daadd670e116628fb42e869d8ac4251ef8971d9e5727df1b",
};

const hashWithdrawal = (w) => keccakHex(pad32(w.nonce) + padAddress(w.sender) + padAddress(w.target) + pad32(w.value) +
  pad32(w.gasLimit) + pad32(0xc0n) + encodeBytesTail(w.data));

function checkMessagePassed(name, fixture, log, print) {
  const w = { nonce: toUint(log.topics[1]), sender: toAddress(log.topics[2]), target: toAddress(log.topics[3]),
    value: toUint(word(log.data, 0)), gasLimit: toUint(word(log.data, 1)), data: readBytes(log.data, 2) };
  const emitted = "0x" + word(log.data, 3);
  if (print) console.log(name, { ...w, withdrawalHash: emitted });
  check(name, "withdrawalHash = hashWithdrawal(fields)", hashWithdrawal(w), emitted);
  const e = fixture.expected;
  check(name, "expected.withdrawalHash", emitted, e.withdrawalHash);
  for (const key of ["nonce", "sender", "target", "value", "gasLimit", "data"]) check(name, `expected.${key}`, w[key], e[key]);
}

// finalizeWithdrawalTransaction((uint256 nonce, address sender, address target, uint256 value, uint256 gasLimit, bytes data))
function checkFinalized(name, fixture, log) {
  const args = strip(fixture.transaction.input).slice(8);
  const base = Number(toUint(args.slice(0, 64))) * 2;
  const tuple = "0x" + args.slice(base);
  const w = { nonce: toUint(word(tuple, 0)), sender: toAddress(word(tuple, 1)), target: toAddress(word(tuple, 2)),
    value: toUint(word(tuple, 3)), gasLimit: toUint(word(tuple, 4)), data: readBytes(tuple, 5) };
  check(name, "finalizeWithdrawalTransaction tuple hashes to the log's withdrawalHash", hashWithdrawal(w), log.topics[1]);
  check(name, "expected.withdrawalHash", log.topics[1], fixture.expected.withdrawalHash);
  check(name, "expected.success", toUint(log.data) === 1n, fixture.expected.success);
}

const here = dirname(fileURLToPath(import.meta.url));
const print = process.argv.includes("--print");
selfTest();
for (const [event, topic] of Object.entries(KNOWN)) check("topic", `${event} topic0`, TOPIC[event], topic);
for (const file of readdirSync(here).filter((f) => f.endsWith(".json")).sort()) {
  const fixture = JSON.parse(readFileSync(join(here, file), "utf8"));
  for (const log of fixture.logs) {
    if (log.topics[0] === TOPIC.MessagePassed) checkMessagePassed(file, fixture, log, print);
    else if (log.topics[0] === TOPIC.WithdrawalFinalized) checkFinalized(file, fixture, log);
    else check(file, `log ${log.logIndex} is a withdrawal event`, false, true);
  }
}
finish();
