// Shared, dependency-free helpers for the fixture checkers (node >= 18): keccak256 as Ethereum uses it, hex and ABI words,
// a tiny RLP encoder and a check() that counts failures. The keccak is the one in ../opstack/verify.mjs, factored out.
// ---------- keccak256 (original Keccak padding, as used by Ethereum), 64-bit lanes as BigInt ----------
const MASK = (1n << 64n) - 1n;
const ROUND_CONSTANTS = [
  0x0000000000000001n, 0x0000000000008082n, 0x800000000000808an, 0x8000000080008000n, 0x000000000000808bn,
  0x0000000080000001n, 0x8000000080008081n, 0x8000000000008009n, 0x000000000000008an, 0x0000000000000088n,
  0x0000000080008009n, 0x000000008000000an, 0x000000008000808bn, 0x800000000000008bn, 0x8000000000008089n,
  0x8000000000008003n, 0x8000000000008002n, 0x8000000000000080n, 0x000000000000800an, 0x800000008000000an,
  0x8000000080008081n, 0x8000000000008080n, 0x0000000080000001n, 0x8000000080008008n,
];
const ROTATIONS = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14];
const rotl = (v, n) => (n === 0 ? v : ((v << BigInt(n)) | (v >> BigInt(64 - n))) & MASK);

function keccakF(s) {
  for (const rc of ROUND_CONSTANTS) {
    const c = [0, 1, 2, 3, 4].map((x) => s[x] ^ s[x + 5] ^ s[x + 10] ^ s[x + 15] ^ s[x + 20]);
    for (let i = 0; i < 25; i++) s[i] ^= c[(i + 4) % 5] ^ rotl(c[(i + 1) % 5], 1);
    const b = new Array(25);
    for (let x = 0; x < 5; x++)
      for (let y = 0; y < 5; y++) b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(s[x + 5 * y], ROTATIONS[x + 5 * y]);
    for (let x = 0; x < 5; x++)
      for (let y = 0; y < 5; y++)
        s[x + 5 * y] = b[x + 5 * y] ^ (~b[((x + 1) % 5) + 5 * y] & MASK & b[((x + 2) % 5) + 5 * y]);
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
    keccakF(s);
  }
  let out = "0x";
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 8; j++) out += Number((s[i] >> BigInt(8 * j)) & 0xffn).toString(16).padStart(2, "0");
  return out;
}

// ---------- hex / ABI helpers ----------
export const strip = (hex) => hex.replace(/^0x/, "").toLowerCase();
export const hexToBytes = (hex) => Uint8Array.from(Buffer.from(strip(hex), "hex"));
export const keccakHex = (hex) => keccak256(hexToBytes(hex));
export const keccakText = (text) => keccak256(new TextEncoder().encode(text));
export const word = (hex, i) => strip(hex).slice(i * 64, i * 64 + 64);
export const toUint = (w) => BigInt("0x" + (strip(w) || "0"));
export const toAddress = (w) => "0x" + strip(w).slice(-40);
export const pad32 = (v) => v.toString(16).padStart(64, "0");
export const padAddress = (a) => strip(a).padStart(64, "0");

// Dynamic `bytes` whose offset sits in head word `headIndex`.
export function readBytes(hex, headIndex) {
  const body = strip(hex);
  const start = Number(toUint(body.slice(headIndex * 64, headIndex * 64 + 64))) * 2;
  const length = Number(toUint(body.slice(start, start + 64)));
  return "0x" + body.slice(start + 64, start + 64 + length * 2);
}

export function encodeBytesTail(bytesHex) {
  const body = strip(bytesHex);
  const length = body.length / 2;
  return pad32(BigInt(length)) + body.padEnd(Math.ceil(length / 32) * 64, "0");
}

// ---------- RLP (yellow paper appendix B): items are hex strings (byte strings) or arrays (lists) ----------
const rlpLength = (length, base) => {
  if (length < 56) return (base + length).toString(16).padStart(2, "0");
  const bytes = length.toString(16).length % 2 ? "0" + length.toString(16) : length.toString(16);
  return (base + 55 + bytes.length / 2).toString(16) + bytes;
};
export function rlp(item) {
  if (Array.isArray(item)) {
    const payload = item.map(rlp).join("");
    return rlpLength(payload.length / 2, 0xc0) + payload;
  }
  const body = strip(item);
  if (body.length === 2 && parseInt(body, 16) < 0x80) return body;
  return rlpLength(body.length / 2, 0x80) + body;
}
// An unsigned integer as RLP wants it: big-endian, no leading zero bytes, zero as the empty string.
export const rlpUint = (value) => (value === 0n ? "" : (value.toString(16).length % 2 ? "0" : "") + value.toString(16));

// ---------- reporting ----------
let failures = 0;
export function check(name, what, actual, expected) {
  const ok = String(actual).toLowerCase() === String(expected).toLowerCase();
  if (!ok) failures++;
  console.log(`${ok ? "ok  " : "FAIL"} ${name}: ${what}${ok ? "" : ` (got ${actual}, expected ${expected})`}`);
  return ok;
}
export function finish() {
  console.log(failures === 0 ? "all checks passed" : `${failures} check(s) failed`);
  process.exit(failures === 0 ? 0 : 1);
}
export function selfTest() {
  check("keccak", "empty input", keccak256(new Uint8Array()), "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  check("keccak", "136 zero bytes", keccak256(new Uint8Array(136)), "0x3a5912a7c5faa06ee4fe906253e339467a9ce87d533c65be3c15cb231cdb25f9");
  // RLP vectors from the Ethereum wiki's RLP page: "dog", ["cat","dog"], 1024, the empty string and list.
  check("rlp", "'dog'", rlp("0x646f67"), "83646f67");
  check("rlp", "['cat','dog']", rlp(["0x636174", "0x646f67"]), "c88363617483646f67");
  check("rlp", "1024", rlp(rlpUint(1024n)), "820400");
  check("rlp", "empty string and list", rlp("") + rlp([]), "80c0");
  check("rlp", "56-byte string", rlp("0x" + "61".repeat(56)).slice(0, 4), "b838");
}
