// Checks the CCTP fixtures here without any package: `node verify.mjs` (exit 1 on a mismatch).
// - topic0 values from the canonical event signatures;
// - v1 send logs: the MessageSent message header/body (circlefin/evm-cctp-contracts Message.sol, BurnMessage.sol) agrees with
//   the TokenMessenger's own DepositForBurn log in the same receipt (nonce, burnToken, amount, mintRecipient, domain,
//   destination TokenMessenger), and key = keccak256(abi.encodePacked(uint32 sourceDomain, uint64 nonce));
// - real-messages.json: v1 keys as above; v2 keys = keccak256(uint32 sourceDomain ++ uint32 destinationDomain ++ bytes32 sender
//   ++ body with feeExecuted/expirationBlock zeroed), computed from the attested (received) message AND from the emitted form
//   derived per MessageV2/BurnMessageV2._formatMessageForRelay (nonce, finalityThresholdExecuted, feeExecuted, expirationBlock
//   all zero), which must agree.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { abiBytes, check, finish, keccakHex, keccakText, selfTest, slice, strip, uintAt, word } from "../lib/slices.mjs";

const TOPIC = {
  MessageSent: keccakText("MessageSent(bytes)"),
  DepositForBurn: keccakText("DepositForBurn(uint64,address,uint256,address,bytes32,uint32,bytes32,bytes32)"),
};
check("keccak", "MessageSent topic0", TOPIC.MessageSent, "0x8c5261668696ce22758910d05bab8f186d6eb247ceac2af2e82c7dc17669b036");
check("keccak", "MessageReceived v1 topic0", keccakText("MessageReceived(address,uint32,uint64,bytes32,bytes)"), "0x58200b4c34ae05ee816d710053fff3fb75af4395915d3d2a771b24aa10e3cc5d");
check("keccak", "MessageReceived v2 topic0", keccakText("MessageReceived(address,uint32,bytes32,bytes32,uint32,bytes)"), "0xff48c13eda96b1cceacc6b9edeedc9e9db9d6226afbc30146b720c19d3addb1c");

const addressOf = (word32) => "0x" + strip(word32).slice(24);
const v1Key = (m) => keccakHex(slice(m, 4, 4) + strip(slice(m, 12, 8)));
const v2Key = (source, destination, sender, body) => {
  const b = strip(body);
  const normalized = b.slice(0, 328) + "00".repeat(64) + b.slice(456);
  return keccakHex("0x" + source.toString(16).padStart(8, "0") + destination.toString(16).padStart(8, "0") + strip(sender) + normalized);
};

function checkV1Send(name, fixture) {
  const sent = fixture.logs.find((l) => l.topics[0] === TOPIC.MessageSent);
  const deposit = fixture.logs.find((l) => l.topics[0] === TOPIC.DepositForBurn);
  const m = abiBytes(sent.data, 0);
  const body = slice(m, 116);
  const e = fixture.expected;
  check(name, "message version 0", uintAt(m, 0, 4), 0n);
  check(name, "key", v1Key(m), e.key);
  check(name, "nonce", String(uintAt(m, 12, 8)), e.nonce);
  check(name, "destinationDomain", Number(uintAt(m, 8, 4)), e.destinationDomain);
  check(name, "body", body, e.body);
  check(name, "DepositForBurn nonce = message nonce", BigInt(deposit.topics[1]), uintAt(m, 12, 8));
  check(name, "DepositForBurn burnToken = body burnToken", addressOf(deposit.topics[2]), addressOf(slice(body, 4, 32)));
  check(name, "DepositForBurn amount = body amount", BigInt(word(deposit.data, 0)), uintAt(body, 68, 32));
  check(name, "DepositForBurn mintRecipient = body mintRecipient", word(deposit.data, 1), slice(body, 36, 32));
  check(name, "DepositForBurn destinationDomain = header", BigInt(word(deposit.data, 2)), uintAt(m, 8, 4));
  check(name, "DepositForBurn destinationTokenMessenger = header recipient", word(deposit.data, 3), slice(m, 52, 32));
  check(name, "DepositForBurn depositor = body messageSender", addressOf(deposit.topics[3]), addressOf(slice(body, 100, 32)));
  check(name, "amount", String(uintAt(body, 68, 32)), e.amount);
  check(name, "burnToken", addressOf(slice(body, 4, 32)), e.burnToken);
}

function checkRealMessage(entry) {
  const m = entry.message;
  const e = entry.expected;
  const name = entry.name;
  if (entry.cctpVersion === 1) {
    check(name, "v1 key", v1Key(m), e.key);
    check(name, "v1 amount", String(uintAt(m, 116 + 68, 32)), e.amount);
    return;
  }
  const source = Number(uintAt(m, 4, 4));
  const destination = Number(uintAt(m, 8, 4));
  const sender = slice(m, 44, 32);
  const received = v2Key(source, destination, sender, slice(m, 148));
  check(name, "v2 key from the attested (received) message", received, e.key);
  // The emitted form: what MessageSent carried before Circle's attester filled in its fields.
  const hex = strip(m);
  const emitted = "0x" + hex.slice(0, 24) + "00".repeat(32) + hex.slice(88, 288) + "00000000" + hex.slice(296, 296 + 328) + "00".repeat(64) + hex.slice(296 + 456);
  check(name, "emitted form keeps the length", strip(emitted).length, hex.length);
  check(name, "v2 key from the emitted form", v2Key(source, destination, slice(emitted, 44, 32), slice(emitted, 148)), e.key);
  check(name, "feeExecuted", String(uintAt(m, 148 + 164, 32)), e.feeExecuted);
  check(name, "expirationBlock", String(uintAt(m, 148 + 196, 32)), e.expirationBlock);
}

selfTest();
const here = dirname(fileURLToPath(import.meta.url));
try {
  checkV1Send("ethereum-v1-send-usdc-to-optimism.json", JSON.parse(readFileSync(join(here, "ethereum-v1-send-usdc-to-optimism.json"), "utf8")));
  for (const entry of JSON.parse(readFileSync(join(here, "real-messages.json"), "utf8")).messages) checkRealMessage(entry);
} catch (error) {
  check("fixtures", `readable (${error.message})`, false, true);
}
finish();
