// Scroll fixtures: SYNTHETIC SentMessage logs (no real mainnet log was found; see README.md). This script is both their
// generator (`node verify.mjs --write`) and their independent check (`node verify.mjs`): it ABI-encodes the logs from the
// event signature and recomputes messageHash = keccak256(abi.encodeWithSignature(
// "relayMessage(address,address,uint256,uint256,bytes)", sender, target, value, messageNonce, message))
// (scroll-tech/scroll ScrollMessengerBase._encodeXDomainCalldata) without sharing code with the C# decoder.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { abiBytes, check, finish, keccakHex, keccakText, pad32, padHex32, selfTest, strip, word } from "../lib/slices.mjs";

const SENT = keccakText("SentMessage(address,address,uint256,uint256,uint256,bytes)");
const RELAY_SELECTOR = keccakText("relayMessage(address,address,uint256,uint256,bytes)").slice(2, 10);
const DEPOSIT_ERC20 = keccakText("finalizeDepositERC20(address,address,address,address,uint256,bytes)").slice(2, 10);
check("keccak", "SentMessage topic0 (as in Scroll's bridge-history bindings)", SENT, "0x104371f3b442861a2a7b82a070afbbaab748bb13757bf47769e170e37809ec1e");
check("keccak", "relayMessage selector (as in L1ScrollMessenger bytecode)", RELAY_SELECTOR, "8ef1332e");

const tail = (hex) => pad32(strip(hex).length / 2) + strip(hex).padEnd(Math.ceil(strip(hex).length / 64) * 64, "0");
const messageHash = (m) => keccakHex("0x" + RELAY_SELECTOR + padHex32(m.sender) + padHex32(m.target) + pad32(m.value) + pad32(m.nonce) + pad32(0xa0) + tail(m.message));
const sentLog = (m) => ({
  address: m.emitter, topics: [SENT, "0x" + padHex32(m.sender), "0x" + padHex32(m.target)],
  data: "0x" + pad32(m.value) + pad32(m.nonce) + pad32(m.gasLimit) + pad32(0x80) + tail(m.message),
  blockNumber: "0x1", transactionHash: "0x" + "5e".repeat(32), logIndex: "0x0", removed: false,
});

// The messages: an L1->L2 ETH deposit through L1ETHGateway and an L1->L2 ERC20 deposit through the standard gateway
// (addresses from docs.scroll.io; the user 0x…beef, amounts and nonces are invented).
const user = "0x000000000000000000000000000000000000beef";
const vectors = [
  { file: "synthetic-l1-send-eth-deposit.json", chainId: 1, emitter: "0x6774bcbd5cecef1336b5300fb5186a12ddd8b367",
    sender: "0x7f2b8c31f88b6006c382775eea88297ec1e3e905", target: "0x6ea73e05adc79974b931123675ea8f78ffdacdf0",
    value: 10n ** 18n, nonce: 1000n, gasLimit: 170000n, message: "0xdeadbeef", asset: "0x0000000000000000000000000000000000000000", amount: 10n ** 18n },
  { file: "synthetic-l1-send-usdt-deposit.json", chainId: 1, emitter: "0x6774bcbd5cecef1336b5300fb5186a12ddd8b367",
    sender: "0xd8a791fe2be73eb6e6cf1eb0cb3f36adc9b3f8f9", target: "0xe2b4795039517653c5ae8c2a9bfdd783b48f447a",
    value: 0n, nonce: 1001n, gasLimit: 200000n,
    message: "0x" + DEPOSIT_ERC20 + padHex32("0xdac17f958d2ee523a2206206994597c13d831ec7") + padHex32("0xf55bec9cafdbe8730f096aa55dad6d22d44099df")
      + padHex32(user) + padHex32(user) + pad32(1234567n) + pad32(0xc0) + pad32(0),
    asset: "0xdac17f958d2ee523a2206206994597c13d831ec7", amount: 1234567n },
];

selfTest();
const here = dirname(fileURLToPath(import.meta.url));
for (const v of vectors) {
  const log = sentLog(v);
  const expected = { messageHash: messageHash(v), sender: v.sender, target: v.target, value: String(v.value), nonce: String(v.nonce),
    gasLimit: String(v.gasLimit), message: v.message, asset: v.asset, amount: String(v.amount), destinationChainId: 534352 };
  if (process.argv.includes("--write")) {
    writeFileSync(join(here, v.file), JSON.stringify({ source: "SYNTHETIC: encoded by verify.mjs from the event ABI, not taken from a chain",
      note: "No real Scroll SentMessage log was found in public test data; this log is encoded from the ABI to test decoding and hashing.",
      chainId: v.chainId, logs: [log], expected }, null, 2) + "\n");
  }
  const fixture = JSON.parse(readFileSync(join(here, v.file), "utf8"));
  const stored = fixture.logs[0];
  check(v.file, "stored log = ABI encoding", JSON.stringify([stored.topics, stored.data]), JSON.stringify([log.topics, log.data]));
  check(v.file, "message decodes back", abiBytes(stored.data, 3), v.message);
  check(v.file, "nonce word", BigInt(word(stored.data, 1)), v.nonce);
  check(v.file, "expected.messageHash", fixture.expected.messageHash, expected.messageHash);
  check(v.file, "expected.amount", fixture.expected.amount, expected.amount);
}
finish();
