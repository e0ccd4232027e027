// Offset-based ABI slicing for the Hyperlane / CCTP / Scroll / LayerZero fixture checkers, on top of keccak.mjs.
import { check, keccak256, keccakText, strip } from "./keccak.mjs";

export { check, finish, hexToBytes, keccak256, keccakHex, keccakText, strip } from "./keccak.mjs";

/** Bytes [start, start+length) of a hex string, as 0x-hex. */
export const slice = (hex, start, length) => "0x" + strip(hex).slice(start * 2, length === undefined ? undefined : (start + length) * 2);
export const uintAt = (hex, start, length) => BigInt(slice(hex, start, length));
export const word = (hex, i) => slice(hex, i * 32, 32);
export const pad32 = (v) => BigInt(v).toString(16).padStart(64, "0");
export const padHex32 = (hex) => strip(hex).padStart(64, "0");
/** Dynamic `bytes` whose offset sits in head word `index` of ABI data starting at byte `base`. */
export function abiBytes(hex, index, base = 0) {
  const offset = Number(uintAt(hex, base + index * 32, 32));
  const length = Number(uintAt(hex, base + offset, 32));
  return slice(hex, base + offset + 32, length);
}
/** abi.encode of one dynamic `bytes` value. */
export const abiEncodeBytes = (hex) => pad32(32) + pad32(strip(hex).length / 2) + strip(hex).padEnd(Math.ceil(strip(hex).length / 64) * 64, "0");

export function selfTest() {
  check("keccak", "empty input", keccak256(new Uint8Array()), "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  check("keccak", "300 counting bytes", keccak256(Uint8Array.from({ length: 300 }, (_, i) => i & 255)),
    "0xa679e749a6af300c36e7ff2255d220864eab27b382f9cfdc5aa4d13563ba36ff");
  check("keccak", "topic0 of RelayedMessage(bytes32)", keccakText("RelayedMessage(bytes32)"), "0x4641df4a962071e12719d8c8c8e5ac7fc4d97b927346a3d7a335b1f7517e133c");
}
