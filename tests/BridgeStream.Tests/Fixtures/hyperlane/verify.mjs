// Checks the Hyperlane fixtures here without any package: `node verify.mjs` (exit 1 on a mismatch).
// Per Dispatch log: topic0 = keccak256("Dispatch(address,uint32,bytes32,bytes)"); the packed message in the data splits
// into (version uint8, nonce uint32, origin uint32, sender bytes32, destination uint32, recipient bytes32, body) per
// hyperlane-monorepo Message.sol; the indexed topics equal the header's sender/destination/recipient; the message id
// keccak256(message) equals expected.messageId (and any DispatchId log's topic); every expected field matches.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { abiBytes, check, finish, keccakHex, keccakText, padHex32, selfTest, slice, uintAt } from "../lib/slices.mjs";

const TOPIC = {
  Dispatch: keccakText("Dispatch(address,uint32,bytes32,bytes)"),
  DispatchId: keccakText("DispatchId(bytes32)"),
};
check("keccak", "Dispatch topic0 as published in Hyperlane's generated bindings", TOPIC.Dispatch,
  "0x769f711d20c679153d382254f59892613b58a97cc876b249134ac25c80f9c814");
check("keccak", "DispatchId topic0", TOPIC.DispatchId, "0x788dbc1b7152732178210e7f4d9d010ef016f9eafbe66786bd7169f56e0c353a");

function checkDispatch(name, fixture) {
  const log = fixture.logs.find((l) => l.topics[0] === TOPIC.Dispatch);
  if (log === undefined) return check(name, "has a Dispatch log", false, true);
  const m = abiBytes(log.data, 0);
  const header = {
    version: Number(uintAt(m, 0, 1)), nonce: String(uintAt(m, 1, 4)), origin: String(uintAt(m, 5, 4)), sender: slice(m, 9, 32),
    destination: String(uintAt(m, 41, 4)), recipient: slice(m, 45, 32), body: slice(m, 77),
  };
  const id = keccakHex(m);
  check(name, "sender topic = message sender", "0x" + padHex32(log.topics[1]), header.sender);
  check(name, "destination topic = message destination", String(BigInt(log.topics[2])), header.destination);
  check(name, "recipient topic = message recipient", log.topics[3], header.recipient);
  check(name, "origin domain = the fixture chain's domain (EVM domains here equal chain ids)", header.origin, String(fixture.chainId));
  check(name, "keccak256(message) = expected.messageId", id, fixture.expected.messageId);
  for (const [key, value] of Object.entries(header)) check(name, `expected.${key}`, value, fixture.expected[key]);
  for (const dispatchId of fixture.logs.filter((l) => l.topics[0] === TOPIC.DispatchId)) check(name, "DispatchId topic = id", dispatchId.topics[1], id);
}

selfTest();
const here = dirname(fileURLToPath(import.meta.url));
for (const file of readdirSync(here).filter((f) => f.endsWith(".json")).sort()) {
  try {
    checkDispatch(file, JSON.parse(readFileSync(join(here, file), "utf8")));
  } catch (error) {
    check(file, `readable fixture (${error.message})`, false, true);
  }
}
finish();
