// Shared helpers for the fixture checkers (node, no packages): Ethereum's keccak256 and a few hex/ABI readers.
// keccak256 is the textbook Keccak-f[1600] sponge (rate 136 bytes, original 0x01 padding), written for clarity, not speed.
const MASK = (1n << 64n) - 1n;
const RC = [
  0x0000000000000001n, 0x0000000000008082n, 0x800000000000808an, 0x8000000080008000n, 0x000000000000808bn,
  0x0000000080000001n, 0x8000000080008081n, 0x8000000000008009n, 0x000000000000008an, 0x0000000000000088n,
  0x0000000080008009n, 0x000000008000000an, 0x000000008000808bn, 0x800000000000008bn, 0x8000000000008089n,
  0x8000000000008003n, 0x8000000000008002n, 0x8000000000000080n, 0x000000000000800an, 0x800000008000000an,
  0x8000000080008081n, 0x8000000000008080n, 0x0000000080000001n, 0x8000000080008008n,
];
// Rotation offset of lane (x, y), indexed x + 5y.
const ROT = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14];
const rotl = (v, n) => (n === 0 ? v : ((v << BigInt(n)) | (v >> BigInt(64 - n))) & MASK);

function permute(s) {
  for (const rc of RC) {
    const c = [0, 1, 2, 3, 4].map((x) => s[x] ^ s[x + 5] ^ s[x + 10] ^ s[x + 15] ^ s[x + 20]);
    for (let i = 0; i < 25; i++) s[i] ^= c[(i + 4) % 5] ^ rotl(c[(i + 1) % 5], 1);
    const b = new Array(25);
    for (let x = 0; x < 5; x++) for (let y = 0; y < 5; y++) b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(s[x + 5 * y], ROT[x + 5 * y]);
    for (let i = 0; i < 25; i++) s[i] = b[i] ^ (~b[(i % 5 + 1) % 5 + 5 * Math.floor(i / 5)] & MASK & b[(i % 5 + 2) % 5 + 5 * Math.floor(i / 5)]);
    s[0] ^= rc;
  }
}

export function keccak256(bytes) {
  const rate = 136;
  const padded = new Uint8Array(Math.floor(bytes.length / rate) * rate + rate);
  padded.set(bytes);
  padded[bytes.length] ^= 0x01;
  padded[padded.length - 1] ^= 0x80;
  const s = new Array(25).fill(0n);
  for (let off = 0; off < padded.length; off += rate) {
    for (let i = 0; i < rate / 8; i++) {
      let lane = 0n;
      for (let j = 7; j >= 0; j--) lane = (lane << 8n) | BigInt(padded[off + i * 8 + j]);
      s[i] ^= lane;
    }
    permute(s);
  }
  let out = "0x";
  for (let i = 0; i < 4; i++) for (let j = 0; j < 8; j++) out += Number((s[i] >> BigInt(8 * j)) & 0xffn).toString(16).padStart(2, "0");
  return out;
}

export const strip = (hex) => hex.replace(/^0x/, "").toLowerCase();
export const hexToBytes = (hex) => Uint8Array.from(Buffer.from(strip(hex), "hex"));
export const keccakHex = (hex) => keccak256(hexToBytes(hex));
export const keccakText = (text) => keccak256(new TextEncoder().encode(text));
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

let failures = 0;
export function check(name, what, actual, expected) {
  const ok = String(actual).toLowerCase() === String(expected).toLowerCase();
  if (!ok) failures++;
  console.log(`${ok ? "ok  " : "FAIL"} ${name}: ${what}${ok ? "" : ` (got ${actual}, expected ${expected})`}`);
}
export function selfTest() {
  check("keccak", "empty input", keccak256(new Uint8Array()), "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  check("keccak", "136 zero bytes", keccak256(new Uint8Array(136)), "0x3a5912a7c5faa06ee4fe906253e339467a9ce87d533c65be3c15cb231cdb25f9");
  check("keccak", "300 counting bytes", keccak256(Uint8Array.from({ length: 300 }, (_, i) => i & 255)),
    "0xa679e749a6af300c36e7ff2255d220864eab27b382f9cfdc5aa4d13563ba36ff");
  check("keccak", "topic0 of RelayedMessage(bytes32)", keccakText("RelayedMessage(bytes32)"), "0x4641df4a962071e12719d8c8c8e5ac7fc4d97b927346a3d7a335b1f7517e133c");
}
export function finish() {
  console.log(failures === 0 ? "all checks passed" : `${failures} check(s) failed`);
  process.exit(failures === 0 ? 0 : 1);
}
