// LayerZero V2 fixtures: SYNTHETIC logs (no real mainnet EndpointV2 log was found; see README.md). This script both
// generates them (`node verify.mjs --write`) and checks them (`node verify.mjs`), with its own encoder:
// - packet = PacketV1Codec: version(1) | nonce u64 | srcEid u32 | sender b32 | dstEid u32 | receiver b32 | guid b32 | message;
// - guid = keccak256(abi.encodePacked(uint64 nonce, uint32 srcEid, bytes32 sender, uint32 dstEid, bytes32 receiver)) (GUID.sol);
// - the receive side's guid is recomputed from PacketVerified/PacketDelivered (origin, receiver) + the destination chain's eid.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { abiBytes, check, finish, keccakHex, keccakText, pad32, padHex32, selfTest, slice, strip, uintAt, word } from "../lib/slices.mjs";

const T = {
  PacketSent: keccakText("PacketSent(bytes,bytes,address)"),
  PacketVerified: keccakText("PacketVerified((uint32,bytes32,uint64),address,bytes32)"),
  PacketDelivered: keccakText("PacketDelivered((uint32,bytes32,uint64),address)"),
  OFTSent: keccakText("OFTSent(bytes32,uint32,address,uint256,uint256)"),
};
check("keccak", "PacketSent topic0 (as published by indexers)", T.PacketSent, "0x1ab700d4ced0c005b164c0f789fd09fcbb0156d4c2041b8a3bfbcd961cd1567f");
check("keccak", "PacketVerified topic0", T.PacketVerified, "0x0d87345f3d1c929caba93e1c3821b54ff3512e12b66aa3cfe54b6bcbc17e59b4");
check("keccak", "PacketDelivered topic0", T.PacketDelivered, "0x3cd5e48f9730b129dc7550f0fcea9c767b7be37837cd10e55eb35f734f4bca04");

const hex = (v, bytes) => BigInt(v).toString(16).padStart(bytes * 2, "0");
const guidOf = (p) => keccakHex("0x" + hex(p.nonce, 8) + hex(p.srcEid, 4) + padHex32(p.sender) + hex(p.dstEid, 4) + padHex32(p.receiver));
const tail = (h) => pad32(strip(h).length / 2) + strip(h).padEnd(Math.ceil(strip(h).length / 64) * 64, "0");
const ENDPOINT = "0x1a44076050125825900e736c501f859c50fe728c";
const common = (chainBlock, logIndex) => ({ blockNumber: chainBlock, transactionHash: "0x" + "1a".repeat(32), logIndex, removed: false });

// An OFT transfer of 5 tokens (18 decimals) from an OFT on Ethereum (eid 30101) to its peer on Arbitrum (eid 30110).
// OFTMsgCodec message: bytes32 sendTo | uint64 amountSD (6 shared decimals). Addresses, nonce and amounts are invented.
const oft = "0x00000000000000000000000000000000000000a1";
const peer = "0x00000000000000000000000000000000000000b2";
const user = "0x000000000000000000000000000000000000beef";
const p = { nonce: 42n, srcEid: 30101, sender: oft, dstEid: 30110, receiver: peer, message: "0x" + padHex32(user) + hex(5_000_000n, 8) };
const guid = guidOf(p);
const packet = "0x01" + hex(p.nonce, 8) + hex(p.srcEid, 4) + padHex32(p.sender) + hex(p.dstEid, 4) + padHex32(p.receiver) + strip(guid) + strip(p.message);
const options = "0x0003010011010000000000000000000000000000ea60";
const sendLib = "0xbb2ea70c9e858123480642cf96acbcce1372dce1";
const sent = { address: ENDPOINT, topics: [T.PacketSent], data: "0x" + pad32(0x60) + pad32(0x60 + 32 + Math.ceil((strip(packet).length / 2) / 32) * 32) + padHex32(sendLib) + tail(packet) + tail(options), ...common("0x10", "0x5") };
const oftSent = { address: oft, topics: [T.OFTSent, guid, "0x" + padHex32(user)], data: "0x" + pad32(30110) + pad32(5n * 10n ** 18n) + pad32(5n * 10n ** 18n), ...common("0x10", "0x6") };
const origin = pad32(p.srcEid) + padHex32(p.sender) + pad32(p.nonce);
const verified = { address: ENDPOINT, topics: [T.PacketVerified], data: "0x" + origin + padHex32(peer) + strip(keccakHex("0x" + strip(guid) + strip(p.message))), ...common("0x20", "0x1") };
const delivered = { address: ENDPOINT, topics: [T.PacketDelivered], data: "0x" + origin + padHex32(peer), ...common("0x21", "0x3") };

const fixtures = [
  { file: "synthetic-ethereum-send-oft.json", chainId: 1, logs: [sent, oftSent],
    expected: { guid, nonce: String(p.nonce), srcEid: p.srcEid, dstEid: p.dstEid, destinationChainId: 42161, sender: oft, receiver: peer,
      message: p.message, asset: oft, amount: String(5n * 10n ** 18n) } },
  { file: "synthetic-arbitrum-verified-delivered.json", chainId: 42161, logs: [verified, delivered],
    expected: { guid, nonce: String(p.nonce), srcEid: p.srcEid, localEid: 30110, sourceChainId: 1, receiver: peer } },
];

selfTest();
const here = dirname(fileURLToPath(import.meta.url));
for (const f of fixtures) {
  if (process.argv.includes("--write")) {
    writeFileSync(join(here, f.file), JSON.stringify({ source: "SYNTHETIC: encoded by verify.mjs from the event ABIs and PacketV1Codec, not taken from a chain",
      note: "No real LayerZero V2 EndpointV2 log was found in public test data; these logs are encoded to test decoding and the guid rule.",
      chainId: f.chainId, logs: f.logs, expected: f.expected }, null, 2) + "\n");
  }
  const stored = JSON.parse(readFileSync(join(here, f.file), "utf8"));
  check(f.file, "stored logs = encoding", JSON.stringify(stored.logs), JSON.stringify(f.logs));
  check(f.file, "expected.guid", stored.expected.guid, guid);
}
// Independent decode of the stored send and receive: guid in the packet, guid recomputed on the receive side.
const s = JSON.parse(readFileSync(join(here, fixtures[0].file), "utf8")).logs[0];
const pk = abiBytes(s.data, 0);
const fromPacket = { nonce: uintAt(pk, 1, 8), srcEid: uintAt(pk, 9, 4), sender: slice(pk, 13, 32), dstEid: uintAt(pk, 45, 4), receiver: slice(pk, 49, 32) };
check("send", "packet guid = GUID.generate(header)", slice(pk, 81, 32), guidOf(fromPacket));
const d = JSON.parse(readFileSync(join(here, fixtures[1].file), "utf8")).logs[1];
const fromDelivered = { nonce: BigInt(word(d.data, 2)), srcEid: BigInt(word(d.data, 0)), sender: word(d.data, 1), dstEid: 30110, receiver: word(d.data, 3) };
check("receive", "PacketDelivered guid (dstEid = Arbitrum's 30110) = send guid", guidOf(fromDelivered), slice(pk, 81, 32));
finish();
