// Linea fixtures (see README.md): REAL Ethereum mainnet logs and claim calldata, never written by this script. Recomputes,
// without the C# code, every message hash as Linea's MessageHashing._hashMessage does:
// keccak256(abi.encode(_from, _to, _fee, _value, _messageNumber, _calldata))
// (Consensys/linea-monorepo contracts/src/messaging/libraries/MessageHashing.sol), and checks it against the hash the
// contracts put in the logs (MessageSent._messageHash, RollingHashUpdated.messageHash, MessageClaimed._messageHash).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { abiBytes, check, finish, keccakHex, keccakText, pad32, padHex32, selfTest, slice, strip, uintAt, word } from "../lib/slices.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const load = (f) => JSON.parse(readFileSync(join(here, f), "utf8"));
const addr = (w) => "0x" + strip(w).slice(-40);

const MESSAGE_SENT = keccakText("MessageSent(address,address,uint256,uint256,uint256,bytes,bytes32)");
const MESSAGE_CLAIMED = keccakText("MessageClaimed(bytes32)");
const ROLLING_HASH = keccakText("RollingHashUpdated(uint256,bytes32,bytes32)");
const BRIDGING_INITIATED_V2 = keccakText("BridgingInitiatedV2(address,address,address,uint256)");
const BRIDGING_FINALIZED_V2 = keccakText("BridgingFinalizedV2(address,address,uint256,address)");
const COMPLETE_BRIDGING = keccakText("completeBridging(address,uint256,address,uint256,bytes)").slice(0, 10);
const CLAIM = keccakText("claimMessage(address,address,uint256,uint256,address,bytes,uint256)").slice(0, 10);
const CLAIM_WITH_PROOF = keccakText("claimMessageWithProof((bytes32[],uint256,uint32,address,address,uint256,uint256,address,bytes32,bytes))").slice(0, 10);
selfTest();
check("signatures", "MessageSent topic0 (as in the real logs)", MESSAGE_SENT, "0xe856c2b8bd4eb0027ce32eeaf595c21b0b6b4644b326e5b7bd80a1cf8db72e6c");
check("signatures", "MessageClaimed topic0 (as in the real logs)", MESSAGE_CLAIMED, "0xa4c827e719e911e8f19393ccdb85b5102f08f0910604d340ba38390b7ff2ab0e");
check("signatures", "RollingHashUpdated topic0", ROLLING_HASH, "0xea3b023b4c8680d4b4824f0143132c95476359a2bb70a81d6c5a36f6918f6339");
check("signatures", "BridgingInitiatedV2 topic0", BRIDGING_INITIATED_V2, "0x8780a94875b70464f8ac6c28851501d32e7fd4ee574e4b94beb28923a3c42d9c");
check("signatures", "BridgingFinalizedV2 topic0", BRIDGING_FINALIZED_V2, "0x6ed06519caca659cdefa71015c79a561928d3cf8cc4a3e9739fde9fb5fb38d64");
check("signatures", "completeBridging selector (as in the real calldata)", COMPLETE_BRIDGING, "0xe4d27451");
check("signatures", "claimMessage selector (as in the real claim input)", CLAIM, "0x491e0936");
check("signatures", "claimMessageWithProof selector (as in the real claim input)", CLAIM_WITH_PROOF, "0x6463fb2a");

const tail = (hex) => pad32(strip(hex).length / 2) + strip(hex).padEnd(Math.ceil(strip(hex).length / 64) * 64, "0");
const messageHash = (m) => keccakHex("0x" + padHex32(m.from) + padHex32(m.to) + pad32(m.fee) + pad32(m.value) + pad32(m.nonce) + pad32(0xc0) + tail(m.calldata));

// keccak256 over the copied bytes (logs and claim input): any changed byte fails, also where no key depends on it.
const PINNED = {
  "eth-l1-send-eth-deposit.json": "0xf546681752a0579acfbc4790cc3612c490b690c628364151c49886bf673185ca",
  "eth-l1-send-wbtc-deposit.json": "0x223b2234805cf2235d7627b06ffb7f1a1e6460ddef00caad0e4ed0af3f29706f",
  "eth-l1-claim-eth-withdrawal.json": "0x8030ee0830a89382f57d1845dc9f4f2f7fa19b2f6662c55cb4d965bb588b1800",
  "eth-l1-claim-uni-withdrawal.json": "0x545a5c84747d208ef6041b1cb667bd2b1a8eedcdfeefdd46d2470dc9084f3c84",
};
const digest = (f) => keccakText(JSON.stringify([f.logs.map((l) => [l.address, l.blockNumber, l.blockHash, l.transactionHash, l.logIndex, l.topics, l.data]), f.claimInput ?? ""]));

const decodeSent = (log) => ({ from: addr(log.topics[1]), to: addr(log.topics[2]), fee: BigInt(word(log.data, 0)), value: BigInt(word(log.data, 1)),
  nonce: BigInt(word(log.data, 2)), calldata: abiBytes(log.data, 3), messageHash: log.topics[3] });

for (const file of ["eth-l1-send-eth-deposit.json", "eth-l1-send-wbtc-deposit.json"]) {
  const f = load(file);
  check(file, "logs digest (any changed byte fails)", digest(f), PINNED[file]);
  const sent = f.logs.find((l) => l.topics[0] === MESSAGE_SENT);
  check(file, "MessageSent from the LineaRollup", sent.address, "0xd19d4b5d358258f05d7b411e21a1460d11b0876f");
  const m = decodeSent(sent);
  check(file, "keccak256(abi.encode(from, to, fee, value, nonce, calldata)) = the log's _messageHash", messageHash(m), m.messageHash);
  const e = f.expected;
  check(file, "expected.messageHash", e.messageHash, m.messageHash);
  check(file, "expected from / to / fee / value / nonce", [e.from, e.to, e.fee, e.value, e.nonce].join(), [m.from, m.to, m.fee, m.value, m.nonce].join());
  if (slice(m.calldata, 0, 4) === COMPLETE_BRIDGING) {
    const args = slice(m.calldata, 4);
    const token = addr(word(args, 0)), amount = BigInt(word(args, 1)), nativeChain = BigInt(word(args, 3));
    check(file, "completeBridging names a token native to the source chain (1), so asset = _nativeToken, amount = _amount", [e.asset, e.amount, nativeChain].join(), [token, amount, 1n].join());
    const rolling = f.logs.find((l) => l.topics[0] === ROLLING_HASH);
    check(file, "RollingHashUpdated of the same message: messageNumber = nonce, messageHash = the same hash", [BigInt(rolling.topics[1]), rolling.topics[3]].join(), [m.nonce, m.messageHash].join());
    const initiated = f.logs.find((l) => l.topics[0] === BRIDGING_INITIATED_V2);
    check(file, "BridgingInitiatedV2 moves the same token and amount", [addr(initiated.topics[3]), BigInt(word(initiated.data, 0))].join(), [token, amount].join());
  } else {
    check(file, "no token call: expected.calldata / asset 0 / amount = value", [e.calldata, e.asset, e.amount].join(), [m.calldata, "0x" + "0".repeat(40), m.value].join());
  }
}

// Claims on L1 of L2 -> L1 messages: the claim's input holds the L2 message's fields; hashing them gives MessageClaimed's hash.
for (const file of ["eth-l1-claim-eth-withdrawal.json", "eth-l1-claim-uni-withdrawal.json"]) {
  const f = load(file);
  check(file, "logs and claim input digest (any changed byte fails)", digest(f), PINNED[file]);
  const claimed = f.logs.find((l) => l.topics[0] === MESSAGE_CLAIMED);
  check(file, "MessageClaimed from the LineaRollup", claimed.address, "0xd19d4b5d358258f05d7b411e21a1460d11b0876f");
  const input = "0x" + strip(f.claimInput);
  const args = slice(input, 4);
  let m;
  if (slice(input, 0, 4) === CLAIM) {
    // claimMessage(address _from, address _to, uint256 _fee, uint256 _value, address _feeRecipient, bytes _calldata, uint256 _nonce)
    m = { from: addr(word(args, 0)), to: addr(word(args, 1)), fee: BigInt(word(args, 2)), value: BigInt(word(args, 3)), calldata: abiBytes(args, 5), nonce: BigInt(word(args, 6)) };
  } else {
    check(file, "input calls claimMessageWithProof", slice(input, 0, 4), CLAIM_WITH_PROOF);
    // one tuple (bytes32[] proof, uint256 messageNumber, uint32 leafIndex, address from, address to, uint256 fee, uint256 value,
    // address feeRecipient, bytes32 merkleRoot, bytes data), at the offset in word 0
    const t = Number(uintAt(args, 0, 32));
    const tuple = slice(args, t);
    m = { nonce: BigInt(word(tuple, 1)), from: addr(word(tuple, 3)), to: addr(word(tuple, 4)), fee: BigInt(word(tuple, 5)), value: BigInt(word(tuple, 6)), calldata: abiBytes(tuple, 9) };
  }
  check(file, "hash of the claimed message's fields = MessageClaimed._messageHash", messageHash(m), claimed.topics[1]);
  check(file, "expected.messageHash", f.expected.messageHash, claimed.topics[1]);
  const s = f.expected.send;
  check(file, "expected.send = the claim's fields", [s.from, s.to, s.fee, s.value, s.nonce, s.calldata].join(), [m.from, m.to, m.fee, m.value, m.nonce, m.calldata].join());
  if (slice(m.calldata, 0, 4) === COMPLETE_BRIDGING) {
    const finalized = f.logs.find((l) => l.topics[0] === BRIDGING_FINALIZED_V2);
    const c = slice(m.calldata, 4);
    check(file, "BridgingFinalizedV2 pays the completeBridging token, amount and recipient", [addr(finalized.topics[1]), BigInt(word(finalized.data, 0)), addr(finalized.topics[3])].join(),
      [addr(word(c, 0)), BigInt(word(c, 1)), addr(word(c, 2))].join());
    check(file, "the token is native to L1 (_chainId 1): on the L2 source it is a bridged token, so no source-chain asset is recorded", BigInt(word(c, 3)), 1n);
  }
}
finish();
