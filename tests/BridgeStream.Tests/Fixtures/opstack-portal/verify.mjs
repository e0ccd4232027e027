// Verifies the OptimismPortal deposit fixtures in this folder, independently of the C# code. No dependencies:
// `node verify.mjs` (add `--print` to dump what was derived). Exit code 1 on any mismatch.
//  - published-l2-hash-vectors.json: the source hashes and L2 deposit tx hashes other projects publish come out the same;
//  - every *-deposit-*.json: its TransactionDeposited log decodes (as op-node's deposit_log.go does) to `expected`,
//    whose sourceHash and l2TxHash are recomputed here; a contract deposit's `from` is the L1->L2 alias of expected.aliasOf.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { check, finish, keccakHex, keccakText, pad32, readBytes, rlp, rlpUint, selfTest, strip, toAddress, toUint, word } from "../lib/keccak.mjs";

const TRANSACTION_DEPOSITED = keccakText("TransactionDeposited(address,address,uint256,bytes)");
const ALIAS_OFFSET = 0x1111000000000000000000000000000000001111n;

const userDepositSourceHash = (blockHash, logIndex) =>
  keccakHex(pad32(0n) + strip(keccakHex(strip(blockHash) + pad32(BigInt(logIndex)))));

// opaqueData = mint(32) value(32) gasLimit(8) isCreation(1) data
function depositFromOpaque(from, to, opaque, sourceHash) {
  const body = strip(opaque);
  const isCreation = parseInt(body.slice(144, 146), 16) !== 0;
  return { sourceHash, from: toAddress(from), to: isCreation ? "" : toAddress(to), mint: toUint(body.slice(0, 64)),
    value: toUint(body.slice(64, 128)), gas: toUint(body.slice(128, 144)), isCreation, data: "0x" + body.slice(146) };
}

const depositTxHash = (d) =>
  keccakHex("7e" + rlp([d.sourceHash, d.from, d.to, rlpUint(d.mint), rlpUint(d.value), rlpUint(d.gas), "", d.data]));

const alias = (address) => "0x" + ((toUint(address) + ALIAS_OFFSET) % (1n << 160n)).toString(16).padStart(40, "0");

function checkPublished(path) {
  const file = JSON.parse(readFileSync(path, "utf8"));
  for (const v of file.sourceHashVectors)
    check("published", `sourceHash (${v.from_source})`, userDepositSourceHash(v.l1BlockHash, v.logIndex), v.sourceHash);
  for (const v of file.l2HashVectors) {
    const d = depositFromOpaque(v.from, v.to, v.opaqueData, userDepositSourceHash(v.l1BlockHash, v.logIndex));
    check("published", `l2TxHash (${v.from_source})`, depositTxHash(d), v.l2TxHash);
  }
}

function checkFixture(name, fixture, print) {
  const log = fixture.logs.find((l) => l.topics[0] === TRANSACTION_DEPOSITED);
  if (log === undefined) return check(name, "has a TransactionDeposited log", false, true);
  check(name, "version topic is 0", toUint(log.topics[3]), 0n);
  check(name, "opaqueData offset is 32", toUint(word(log.data, 0)), 32n);
  const sourceHash = userDepositSourceHash(log.blockHash, BigInt(log.logIndex));
  const d = depositFromOpaque(log.topics[1], log.topics[2], readBytes(log.data, 0), sourceHash);
  const l2TxHash = depositTxHash(d);
  if (print) console.log(name, { ...d, l2TxHash });
  const e = fixture.expected;
  check(name, "expected.sourceHash", sourceHash, e.sourceHash);
  check(name, "expected.l2TxHash", l2TxHash, e.l2TxHash);
  check(name, "expected.from", d.from, e.from);
  check(name, "expected.to", d.to === "" ? "0x0000000000000000000000000000000000000000" : d.to, e.to);
  check(name, "expected.mint", d.mint, e.mint);
  check(name, "expected.value", d.value, e.value);
  check(name, "expected.gas", d.gas, e.gas);
  check(name, "expected.isCreation", d.isCreation, e.isCreation);
  check(name, "expected.data", d.data, e.data);
  if (e.aliasOf !== undefined) check(name, `from = applyL1ToL2Alias(${e.aliasOf})`, alias(e.aliasOf), d.from);
}

const here = dirname(fileURLToPath(import.meta.url));
const print = process.argv.includes("--print");
selfTest();
check("topic", "TransactionDeposited topic0", TRANSACTION_DEPOSITED, "0xb3813568d9991fc951961fcb4c784893574240a28925604d09fc577c55bb7c32");
checkPublished(join(here, "published-l2-hash-vectors.json"));
for (const file of readdirSync(here).filter((f) => f.endsWith(".json") && f.includes("-deposit-")).sort())
  checkFixture(file, JSON.parse(readFileSync(join(here, file), "utf8")), print);
finish();
