// Scroll fixtures (see README.md). Two parts:
// 1. synthetic-*.json: SYNTHETIC SentMessage logs. This script is both their generator (`node verify.mjs --write`) and
//    their independent check (`node verify.mjs`): it ABI-encodes the logs from the event signature and recomputes messageHash = keccak256(abi.encodeWithSignature(
// "relayMessage(address,address,uint256,uint256,bytes)", sender, target, value, messageNonce, message))
// (scroll-tech/scroll ScrollMessengerBase._encodeXDomainCalldata) without sharing code with the C# decoder.
// 2. REAL data, never written by this script: scroll-l2-relay-eth-deposit.json (a real L2 RelayedMessage receipt) and
//    real-l1-messages.json (real relayMessage calldata of L1 messages). Checked below; every byte is pinned (PINNED).
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { abiBytes, check, finish, keccakHex, keccakText, pad32, padHex32, selfTest, slice, strip, word } from "../lib/slices.mjs";

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

// ---------------------------------------------------------------------------------------------------------------------
// REAL data.
const L1_MESSENGER = "0x6774bcbd5cecef1336b5300fb5186a12ddd8b367", L2_MESSENGER = "0x781e90f1c8fc4611c9b7497c3b47f99ef6969cbc";
const L1_ETH_GATEWAY = "0x7f2b8c31f88b6006c382775eea88297ec1e3e905", L2_ETH_GATEWAY = "0x6ea73e05adc79974b931123675ea8f78ffdacdf0";
const RELAYED = keccakText("RelayedMessage(bytes32)");
const FINALIZE_DEPOSIT_ETH_EVENT = keccakText("FinalizeDepositETH(address,address,uint256,bytes)");
const FINALIZE_DEPOSIT_ETH = keccakText("finalizeDepositETH(address,address,uint256,bytes)").slice(2, 10);
check("keccak", "FinalizeDepositETH event topic0 (as in the real L2ETHGateway log)", FINALIZE_DEPOSIT_ETH_EVENT, "0x9e86c356e14e24e26e3ce769bf8b87de38e0faa0ed0ca946fa09659aa606bd2d");
check("keccak", "finalizeDepositETH selector", FINALIZE_DEPOSIT_ETH, "232e8748");
check("keccak", "finalizeDepositERC20 selector", DEPOSIT_ERC20, "8431f5c1");
// AddressAliasHelper.applyL1ToL2Alias: + 0x1111000000000000000000000000000000001111 (mod 2^160).
const alias = (a) => "0x" + ((BigInt(a) + 0x1111000000000000000000000000000000001111n) % (1n << 160n)).toString(16).padStart(40, "0");
const addr = (w) => "0x" + strip(w).slice(-40);
// keccak256 over the copied bytes: any changed byte fails, also where no key depends on it.
const PINNED = {
  "scroll-l2-relay-eth-deposit.json": "0xc83272ab488c2e36206f1c7e4fc466ab38c673bf46446efbd9292b2ddb21ef44",
  "real-l1-messages.json": "0x29794b46eb02a28edbec5f2f930d5a53fbf933e0afa44328ea8d289000a692ce",
};

{
  const file = "scroll-l2-relay-eth-deposit.json";
  const f = JSON.parse(readFileSync(join(here, file), "utf8"));
  const [finalize, relayed] = f.logs;
  check(file, "logs digest (any changed byte fails)", keccakText(JSON.stringify(f.logs.map((l) => [l.address, l.topics, l.data]))), PINNED[file]);
  check(file, "RelayedMessage from the L2ScrollMessenger", [relayed.address, relayed.topics[0], relayed.topics.length].join(), [L2_MESSENGER, RELAYED, 2].join());
  check(file, "expected.messageHash = RelayedMessage topic", relayed.topics[1], f.expected.messageHash);
  check(file, "FinalizeDepositETH from the L2ETHGateway", [finalize.address, finalize.topics[0]].join(), [L2_ETH_GATEWAY, FINALIZE_DEPOSIT_ETH_EVENT].join());
  // Rebuild the send side from the receipt: L1ETHGateway._deposit sends finalizeDepositETH(from, to, amount, data) to the
  // L2ETHGateway with value = amount; the nonce is the L1 message queue index.
  const from = addr(finalize.topics[1]), to = addr(finalize.topics[2]), amount = BigInt(word(finalize.data, 0)), data = abiBytes(finalize.data, 1);
  const message = "0x" + FINALIZE_DEPOSIT_ETH + padHex32(from) + padHex32(to) + pad32(amount) + pad32(0x80) + tail(data);
  const send = f.expected.send;
  check(file, "expected.send.message = finalizeDepositETH(from, to, amount, data) of the real log", message, send.message);
  check(file, "expected.send is L1ETHGateway -> L2ETHGateway with value = amount", [send.sender, send.target, send.value].join(), [L1_ETH_GATEWAY, L2_ETH_GATEWAY, amount].join());
  check(file, "messageHash(rebuilt send, nonce " + send.nonce + ") = the real RelayedMessage hash",
    messageHash({ sender: send.sender, target: send.target, value: BigInt(send.value), nonce: BigInt(send.nonce), message }), relayed.topics[1]);
}

{
  const file = "real-l1-messages.json";
  const f = JSON.parse(readFileSync(join(here, file), "utf8"));
  check(file, "messages digest (any changed byte fails)", keccakText(JSON.stringify(f.messages.map((m) => [m.queueIndex, m.gas, m.to, m.value, m.sender, m.input]))), PINNED[file]);
  for (const m of f.messages) {
    const name = `${file} #${m.queueIndex}`;
    const input = "0x" + strip(m.input);
    const args = slice(input, 4);
    const d = { sender: addr(word(args, 0)), target: addr(word(args, 1)), value: BigInt(word(args, 2)), nonce: BigInt(word(args, 3)), message: abiBytes(args, 4) };
    check(name, "input calls relayMessage", slice(input, 0, 4), "0x" + RELAY_SELECTOR);
    check(name, "L1 message is from the aliased L1ScrollMessenger to the L2ScrollMessenger", [m.sender, m.to].join(), [alias(L1_MESSENGER), L2_MESSENGER].join());
    check(name, "relayMessage nonce = queue index", d.nonce, BigInt(m.queueIndex));
    check(name, "re-encoding the decoded call reproduces input (so hashing decoded fields = hashing the bytes)", messageHash(d), keccakHex(input));
    check(name, "expected.messageHash = keccak256(input)", m.expected.messageHash, keccakHex(input));
    check(name, "expected sender / target / value / nonce", [m.expected.sender, m.expected.target, m.expected.value, m.expected.nonce].join(), [d.sender, d.target, d.value, d.nonce].join());
    const selector = slice(d.message, 0, 4);
    if (selector === "0x" + DEPOSIT_ERC20) {
      check(name, "ERC20 deposit: expected asset = l1Token, amount = amount argument", [m.expected.asset, m.expected.amount].join(), [addr(word(slice(d.message, 4), 0)), BigInt(word(slice(d.message, 4), 4))].join());
    } else {
      check(name, "ETH deposit: finalizeDepositETH amount = relayMessage value", [selector, BigInt(word(slice(d.message, 4), 2))].join(), ["0x" + FINALIZE_DEPOSIT_ETH, d.value].join());
      check(name, "ETH deposit: expected asset 0, amount = value", [m.expected.asset, m.expected.amount].join(), ["0x" + "0".repeat(40), d.value].join());
    }
  }
}
finish();
