// Byte-array helpers for the Arbitrum fixture checkers, on top of the shared keccak in keccak.mjs.
import { keccak256, keccakText } from "./keccak.mjs";

export { keccak256, keccakHex, keccakText } from "./keccak.mjs";

export const hexToBytes = (hex) => {
  const body = hex.replace(/^0x/, "");
  if (body.length % 2 !== 0 || /[^0-9a-fA-F]/.test(body)) throw new Error(`not even-length hex: ${hex.slice(0, 20)}`);
  return Uint8Array.from(body.match(/../g) ?? [], (b) => parseInt(b, 16));
};
export const bytesToHex = (bytes) => "0x" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
export const concatBytes = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};

/** Known-answer checks of keccak256 itself; returns [what, actual, expected] triples. */
export function keccakSelfTest() {
  return [
    ["empty input", keccak256(new Uint8Array()), "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"],
    ["136 zero bytes", keccak256(new Uint8Array(136)), "0x3a5912a7c5faa06ee4fe906253e339467a9ce87d533c65be3c15cb231cdb25f9"],
    ["Transfer topic", keccakText("Transfer(address,address,uint256)"), "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"],
  ];
}
