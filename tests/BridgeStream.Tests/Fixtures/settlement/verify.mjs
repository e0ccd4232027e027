// Verifies the rollup settlement fixtures in this folder with no dependencies: `node verify.mjs` (`--print` dumps what was
// read). Exit code 1 on any mismatch. Checked:
//  - keccak256 itself on known vectors;
//  - every settlement event signature BridgeStream decodes hashes to its topic0, and the topic0s third parties publish
//    (indexers' constants, cited below) are the same;
//  - OP output 4529: the output root re-derived from its output root proof (keccak256(version ++ stateRoot ++
//    messagePasserStorageRoot ++ latestBlockhash)) is the log's outputRoot topic; index, L2 block and l1Timestamp as expected;
//  - Arbitrum node 15253: nodeNum, blockHash and sendRoot in the log as the source asserts them;
//  - zkSync (Goerli): topic layout (4 topics, no data) and the batch numbers and hashes;
//  - Scroll commitBatch calldata (mainnet, codec v0 and v1): parsed here on its own; the batch data hash recomputed from
//    the chunks equals the one scroll-tech/rollup-node asserts, and the L2 blocks (contiguous), the last block's time and
//    the parent header are as expected.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { keccakSelfTest } from "../lib/bytes.mjs";
import { keccak256, keccakText, keccakHex, strip, toUint, word } from "../lib/keccak.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const print = process.argv.includes("--print");
let failures = 0;
const check = (what, actual, expected) => {
  const ok = String(actual).toLowerCase() === String(expected).toLowerCase();
  if (!ok) failures++;
  if (!ok || print) console.log(`${ok ? "ok  " : "FAIL"} ${what}: ${actual}${ok ? "" : ` (expected ${expected})`}`);
};
const load = (name) => JSON.parse(readFileSync(join(here, name), "utf8"));

for (const [what, actual, expected] of keccakSelfTest()) check(`keccak256 ${what}`, actual, expected);

// Signatures as the decoders spell them (src/BridgeStream.Core/Settlement) and, where a third party publishes the topic0,
// that value: blockscout's indexer fetchers (Optimism output roots, zkSync batches, Scroll batches), a public Dune query on
// zkSync batches, Consensys' Linea coordinator (linea-monorepo DataFinalizedV3.kt), and abigen bindings of the DisputeGameFactory (their FilterDisputeGameCreated comment names the topic0).
const published = {
  "OutputProposed(bytes32,uint256,uint256,uint256)": "0xa7aaf2512769da4e444e3de247be2564225c2e7a8f74cfe528e46e17d24868e2",
  "DisputeGameCreated(address,uint32,bytes32)": "0x5b565efe82411da98814f356d0e7bcb8f0219b8d970307c5afb4a6903a8b2e35",
  "BlockCommit(uint256,bytes32,bytes32)": "0x8f2916b2f2d78cc5890ead36c06c0f6d5d112c7e103589947e8e2f0d6eddb763",
  "BlocksVerification(uint256,uint256)": "0x22c9005dd88c18b552a1cd7e8b3b937fcde9ca69213c1f658f54d572e4877a81",
  "BlockExecution(uint256,bytes32,bytes32)": "0x2402307311a4d6604e4e7b4c8a15a7e1213edb39c16a31efa70afb06030d3165",
  "CommitBatch(uint256,bytes32)": "0x2c32d4ae151744d0bf0b9464a3e897a1d17ed2f1af71f7c9a75f12ce0d28238f",
  "FinalizeBatch(uint256,bytes32,bytes32,bytes32)": "0x26ba82f907317eedc97d0cbef23de76a43dd6edb563bdb6e9407645b950a7a2d",
  "RevertBatch(uint256,bytes32)": "0x00cae2739091badfd91c373f0a16cede691e0cd25bb80cff77dd5caeb4710146",
  "RevertBatch(uint256,uint256)": "0x9ee73ead2e4d8c2933d5fb9be41cbdf5c477dcb07e441b4b082c6797e4b6fde3",
  "DataSubmittedV3(bytes32,bytes32,bytes32)": "0x55f4c645c36aa5cd3f443d6be44d7a7a5df9d2100d7139dfc69d4289ee072319",
  "DataFinalizedV3(uint256,uint256,bytes32,bytes32,bytes32)": "0xa0262dc79e4ccb71ceac8574ae906311ae338aa4a2044fd4ec4b99fad5ab60cb",
};
for (const [signature, topic] of Object.entries(published)) check(`topic0 of ${signature}`, keccakText(signature), topic);

// The fixtures' own topic0s (also the signatures nobody publishes a topic0 for: Arbitrum's node events).
const nodeConfirmed = "NodeConfirmed(uint64,bytes32,bytes32)";

// ---- OP Mainnet output 4529 ----
{
  const f = load("op-mainnet-output-proposed-4529.json");
  const [log] = f.logs;
  const p = f.outputRootProof;
  check("OutputProposed topic0", log.topics[0], keccakText("OutputProposed(bytes32,uint256,uint256,uint256)"));
  check("output root = keccak256(outputRootProof)", keccakHex(p.version + strip(p.stateRoot) + strip(p.messagePasserStorageRoot) + strip(p.latestBlockhash)), log.topics[1]);
  check("outputRoot", log.topics[1], f.expected.outputRoot);
  check("l2OutputIndex", toUint(log.topics[2]), f.expected.l2OutputIndex);
  check("l2BlockNumber", toUint(log.topics[3]), f.expected.l2BlockNumber);
  check("l1Timestamp", toUint(word(log.data, 0)), f.expected.l1Timestamp);
  check("OutputProposed data is one word", strip(log.data).length, 64);
}

// ---- Arbitrum One node 15253 ----
{
  const f = load("arb1-node-confirmed-15253.json");
  const [log] = f.logs;
  check("NodeConfirmed topic0", log.topics[0], keccakText(nodeConfirmed));
  check("nodeNum", toUint(log.topics[1]), f.expected.nodeNum);
  check("blockHash", "0x" + word(log.data, 0), f.expected.blockHash);
  check("sendRoot", "0x" + word(log.data, 1), f.expected.sendRoot);
  check("NodeConfirmed data is two words", strip(log.data).length, 128);
}

// ---- zkSync (Goerli) executor logs ----
{
  const f = load("zksync-goerli-execute-and-commit.json");
  const signatures = { Executed: "BlockExecution(uint256,bytes32,bytes32)", Committed: "BlockCommit(uint256,bytes32,bytes32)" };
  f.logs.forEach((log, i) => {
    const e = f.expected[i];
    check(`log ${i} topic0 (${e.stage})`, log.topics[0], keccakText(signatures[e.stage]));
    check(`log ${i} has batch, hash and commitment topics and no data`, `${log.topics.length}/${strip(log.data).length}`, "4/0");
    check(`log ${i} batch`, toUint(log.topics[1]), e.batch);
    check(`log ${i} batch hash`, log.topics[2], e.batchHash);
  });
}

// ---- Scroll commitBatch(uint8 version, bytes parentBatchHeader, bytes[] chunks, bytes skippedL1MessageBitmap) ----
{
  const f = load("scroll-mainnet-commit-calldata.json");
  for (const c of f.commits) {
    const e = c.expected;
    const input = Buffer.from(strip(c.input), "hex");
    const args = input.subarray(4);
    const at = (offset) => Number(BigInt("0x" + args.subarray(offset, offset + 32).toString("hex")));
    const bytesAt = (offset) => args.subarray(offset + 32, offset + 32 + at(offset));
    const what = `scroll ${c.tx.slice(0, 10)}`;
    check(`${what} selector`, input.subarray(0, 4).toString("hex"), keccakText("commitBatch(uint8,bytes,bytes[],bytes)").slice(2, 10));
    check(`${what} version`, at(0), c.codec);
    const parent = bytesAt(at(32));
    check(`${what} parent batch index`, parent.readBigUInt64BE(1), e.parentBatchIndex);
    check(`${what} batch index = parent + 1`, e.parentBatchIndex + 1, e.batchIndex);
    if (e.parentHeader) {
      const h = e.parentHeader;
      check(`${what} parent header version`, parent[0], h.version);
      check(`${what} parent l1MessagePopped`, parent.readBigUInt64BE(9), h.l1MessagePopped);
      check(`${what} parent totalL1MessagePopped`, parent.readBigUInt64BE(17), h.totalL1MessagePopped);
      check(`${what} parent dataHash`, "0x" + parent.subarray(25, 57).toString("hex"), h.dataHash);
      check(`${what} parent parentBatchHash`, "0x" + parent.subarray(57, 89).toString("hex"), h.parentBatchHash);
    }
    const list = at(64);
    const chunks = Array.from({ length: at(list) }, (_, i) => bytesAt(list + 32 + at(list + 32 + 32 * i)));
    check(`${what} chunks`, chunks.length, e.chunks);
    const blocks = [];
    const chunkHashes = chunks.map((chunk) => {
      const count = chunk[0];
      const contexts = Array.from({ length: count }, (_, i) => chunk.subarray(1 + 60 * i, 61 + 60 * i));
      const hashed = contexts.map((context) => context.subarray(0, 58)); // number, timestamp, baseFee, gasLimit, numTransactions
      for (const context of contexts) blocks.push({ number: context.readBigUInt64BE(0), time: context.readBigUInt64BE(8) });
      if (c.codec === 0) {
        // codec v0 carries the L2 transactions after the contexts: a 4-byte length, then the RLP transaction
        let p = 1 + 60 * count;
        for (const context of contexts) {
          for (let t = 0; t < context.readUInt16BE(56); t++) {
            const length = chunk.readUInt32BE(p);
            hashed.push(Buffer.from(strip(keccak256(chunk.subarray(p + 4, p + 4 + length))), "hex"));
            p += 4 + length;
          }
        }
        check(`${what} chunk holds nothing after its transactions`, chunk.length - p, 0);
      }
      return Buffer.from(strip(keccak256(Buffer.concat(hashed))), "hex");
    });
    check(`${what} data hash`, keccak256(Buffer.concat(chunkHashes)), e.dataHash);
    check(`${what} blocks`, blocks.length, e.blocks);
    check(`${what} first block`, blocks[0].number, e.firstBlock);
    check(`${what} last block`, blocks.at(-1).number, e.lastBlock);
    check(`${what} last block time`, blocks.at(-1).time, e.lastBlockTime);
    check(`${what} blocks are contiguous`, blocks.every((b, i) => i === 0 || b.number === blocks[i - 1].number + 1n), true);
  }
}

if (failures > 0) {
  console.error(`${failures} check(s) failed`);
  process.exit(1);
}
console.log("settlement fixtures: all checks passed");
