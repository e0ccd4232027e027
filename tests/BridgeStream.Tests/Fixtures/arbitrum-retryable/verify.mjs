// Verifies the Arbitrum L1->L2 (retryable ticket / ETH deposit) fixtures in this folder. No dependencies:
// `node verify.mjs` (add `--print` to dump what was decoded). Exit code 1 on any mismatch.
//
// Per fixture: topic0s are keccak256 of their signatures; each MessageDelivered of kind 9 or 12 has an
// InboxMessageDelivered with the same message number from the inbox it names, whose data hashes to messageDataHash;
// the message decodes (Nitro's arbos/parse_l2.go layout) to `expected`; the key is recomputed as keccak256(type || rlp)
// of the L2 tx Nitro derives (0x69 ArbitrumSubmitRetryableTx / 0x64 ArbitrumDepositTx); MessageDelivered.sender is
// the L1->L2 alias of expected.l1Sender; and where the fixture carries a published ticket id, the key equals it.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { keccakHex, keccakText, keccakSelfTest, hexToBytes, bytesToHex, concatBytes } from "../lib/bytes.mjs";

const TOPIC = {
  MessageDelivered: keccakText("MessageDelivered(uint256,bytes32,address,uint8,address,bytes32,uint256,uint64)"),
  InboxMessageDelivered: keccakText("InboxMessageDelivered(uint256,bytes)"),
  TicketCreated: keccakText("TicketCreated(bytes32)"),
  RedeemScheduled: keccakText("RedeemScheduled(bytes32,bytes32,uint64,uint64,address,uint256,uint256)"),
};
// topic0 values as they appear in real logs (RSS3-Network/Node and arbitrum-sdk test receipts).
const REAL_TOPICS = {
  MessageDelivered: "0x5e3c1311ea442664e8b1611bfabef659120ea7a0a2cfc0667700bebc69cbffe1",
  InboxMessageDelivered: "0xff64905f73a67fb594e0f940a8075a860db489ad991e032f48c81123eb52d60b",
};
// L1 bridge -> L2 chain id (arbitrum-sdk src/lib/dataEntities/networks.ts).
const L2_CHAIN_OF_BRIDGE = { "0x8315177ab297ba92a06054ce80a67ed4dbd7ed3a": 42161n, "0xc1ebd02f738644983b6c4b2d440b8e77dde276bd": 42170n };

// ---------- ABI / RLP helpers ----------
const body = (hex) => hex.replace(/^0x/, "");
const word = (hex, i) => body(hex).slice(i * 64, i * 64 + 64);
const toUint = (w) => BigInt("0x" + (w || "0"));
const lowAddress = (w) => "0x" + w.slice(24);
function readBytes(hex, headIndex) {
  const b = body(hex);
  const offset = Number(toUint(word(hex, headIndex)));
  const length = Number(toUint(b.slice(offset * 2, offset * 2 + 64)));
  return "0x" + b.slice(offset * 2 + 64, offset * 2 + 64 + length * 2);
}
const uintBytes = (n) => (n === 0n ? new Uint8Array() : hexToBytes(n.toString(16).padStart(Math.ceil(n.toString(16).length / 2) * 2, "0")));
function rlpLength(offset, length) {
  if (length <= 55) return Uint8Array.of(offset + length);
  const len = uintBytes(BigInt(length));
  return concatBytes(Uint8Array.of(offset + 55 + len.length), len);
}
const rlpString = (bytes) => (bytes.length === 1 && bytes[0] < 0x80 ? bytes : concatBytes(rlpLength(0x80, bytes.length), bytes));
const rlpList = (items) => { const payload = concatBytes(...items.map(rlpString)); return concatBytes(rlpLength(0xc0, payload.length), payload); };
const typedTxHash = (type, items) => keccakHex(bytesToHex(concatBytes(Uint8Array.of(type), rlpList(items))));

const ALIAS_OFFSET = 0x1111000000000000000000000000000000001111n;
const applyAlias = (address) => "0x" + ((BigInt(address) + ALIAS_OFFSET) % (1n << 160n)).toString(16).padStart(40, "0");

// ---------- decoding ----------
function decodeDelivered(log) {
  return {
    messageIndex: toUint(body(log.topics[1])), inbox: lowAddress(word(log.data, 0)), kind: Number(toUint(word(log.data, 1))),
    sender: lowAddress(word(log.data, 2)), messageDataHash: "0x" + word(log.data, 3), baseFeeL1: toUint(word(log.data, 4)),
  };
}

// Nitro parseSubmitRetryableMessage: to, l2CallValue, deposit, maxSubmissionFee, excessFeeRefund, callValueRefund, gas, gasFeeCap, dataLength, data.
function parseRetryable(message) {
  const w = (i) => word(message, i);
  const dataLength = Number(toUint(w(8)));
  return {
    to: lowAddress(w(0)), l2CallValue: toUint(w(1)), deposit: toUint(w(2)), maxSubmissionFee: toUint(w(3)),
    excessFeeRefundAddress: lowAddress(w(4)), callValueRefundAddress: lowAddress(w(5)), gasLimit: toUint(w(6)),
    maxFeePerGas: toUint(w(7)), data: "0x" + body(message).slice(9 * 64, 9 * 64 + dataLength * 2),
  };
}

function ticketId(chainId, d, m) {
  return typedTxHash(0x69, [
    uintBytes(chainId), hexToBytes(d.messageIndex.toString(16).padStart(64, "0")), hexToBytes(d.sender), uintBytes(d.baseFeeL1),
    uintBytes(m.deposit), uintBytes(m.maxFeePerGas), uintBytes(m.gasLimit),
    BigInt(m.to) === 0n ? new Uint8Array() : hexToBytes(m.to), uintBytes(m.l2CallValue), hexToBytes(m.callValueRefundAddress),
    uintBytes(m.maxSubmissionFee), hexToBytes(m.excessFeeRefundAddress), hexToBytes(m.data),
  ]);
}

function depositTxHash(chainId, d, to, value) {
  return typedTxHash(0x64, [
    uintBytes(chainId), hexToBytes(d.messageIndex.toString(16).padStart(64, "0")), hexToBytes(d.sender), hexToBytes(to), uintBytes(value),
  ]);
}

// ---------- checking ----------
let failures = 0;
function check(name, what, actual, expected) {
  const ok = String(actual).toLowerCase() === String(expected).toLowerCase();
  if (!ok) failures++;
  console.log(`${ok ? "ok  " : "FAIL"} ${name}: ${what}${ok ? "" : ` (got ${actual}, expected ${expected})`}`);
}

function selfTest() {
  for (const [what, actual, expected] of keccakSelfTest()) check("keccak", what, actual, expected);
  for (const [name, topic] of Object.entries(REAL_TOPICS)) check("keccak", `topic0 of ${name}`, TOPIC[name], topic);
  // Known rlp answers (Ethereum wiki RLP examples): "dog", [ "cat", "dog" ], 0, 1024.
  check("rlp", "'dog'", bytesToHex(rlpString(new TextEncoder().encode("dog"))), "0x83646f67");
  check("rlp", "['cat','dog']", bytesToHex(rlpList([new TextEncoder().encode("cat"), new TextEncoder().encode("dog")])), "0xc88363617483646f67");
  check("rlp", "integer 0", bytesToHex(rlpString(uintBytes(0n))), "0x80");
  check("rlp", "integer 1024", bytesToHex(rlpString(uintBytes(1024n))), "0x820400");
}

function checkSend(name, fixture, print) {
  const delivered = fixture.logs.filter((l) => l.topics[0] === TOPIC.MessageDelivered);
  if (delivered.length !== 1) throw new Error(`expected one MessageDelivered, found ${delivered.length}`);
  const bridgeLog = delivered[0];
  const d = decodeDelivered(bridgeLog);
  const inboxLog = fixture.logs.find((l) => l.topics[0] === TOPIC.InboxMessageDelivered && toUint(body(l.topics[1])) === d.messageIndex);
  if (inboxLog === undefined) throw new Error("no InboxMessageDelivered with the MessageDelivered's message number");
  check(name, "InboxMessageDelivered comes from the inbox MessageDelivered names", inboxLog.address, d.inbox);
  const message = readBytes(inboxLog.data, 0);
  check(name, "keccak256(inbox message) = messageDataHash", keccakHex(message), d.messageDataHash);
  const chainId = L2_CHAIN_OF_BRIDGE[bridgeLog.address.toLowerCase()];
  const e = fixture.expected;
  let decoded;
  if (d.kind === 12) {
    const to = "0x" + body(message).slice(0, 40), value = toUint(body(message).slice(40, 104));
    decoded = { kind: 12, key: depositTxHash(chainId, d, to, value), to, value };
  } else if (d.kind === 9) {
    const m = parseRetryable(message);
    decoded = { kind: 9, key: ticketId(chainId, d, m), to: m.to, value: m.l2CallValue, deposit: m.deposit, gasLimit: m.gasLimit, data: m.data };
  } else throw new Error(`kind ${d.kind} is not a bridge message`);
  decoded = { ...decoded, l2ChainId: chainId, messageIndex: d.messageIndex, aliasedSender: d.sender };
  if (print) console.log(name, decoded);
  check(name, "MessageDelivered.sender = alias(expected.l1Sender)", d.sender, applyAlias(e.l1Sender));
  for (const field of ["kind", "key", "l2ChainId", "messageIndex", "to", "value", "deposit", "gasLimit", "data"])
    if (decoded[field] !== undefined) check(name, `expected.${field}`, decoded[field], e[field]);
  if (e.sdkRetryableCreationId !== undefined) check(name, "key = arbitrum-sdk's expected retryableCreationId", decoded.key, e.sdkRetryableCreationId);
}

const here = dirname(fileURLToPath(import.meta.url));
const print = process.argv.includes("--print");
selfTest();
for (const file of readdirSync(here).filter((f) => f.endsWith(".json")).sort()) {
  try {
    checkSend(file, JSON.parse(readFileSync(join(here, file), "utf8")), print);
  } catch (error) {
    check(file, `readable fixture (${error.message})`, false, true);
  }
}
console.log(failures === 0 ? "all checks passed" : `${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
