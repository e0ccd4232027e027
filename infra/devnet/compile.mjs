// Compiles infra/devnet/contracts/*.sol with solc-js (infra/embedded/node_modules/solc) into
// infra/devnet/out/contracts.json: { solcVersion, contracts: { Name: { abi, bytecode } } }.
// Usage: node infra/devnet/compile.mjs [outputFile]
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, writeFileSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', 'embedded', 'package.json'));
const solc = require('solc');

const sourcesDir = join(here, 'contracts');
const outputFile = resolve(process.argv[2] ?? join(here, 'out', 'contracts.json'));

const sources = {};
for (const file of readdirSync(sourcesDir).filter((f) => f.endsWith('.sol')).sort()) {
  sources[file] = { content: readFileSync(join(sourcesDir, file), 'utf8') };
}
if (Object.keys(sources).length === 0) {
  console.error(`no .sol files in ${sourcesDir}`);
  process.exit(1);
}

const input = {
  language: 'Solidity',
  sources,
  settings: {
    // cancun: supported by anvil's default hardfork and by every current L1/L2.
    evmVersion: 'cancun',
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
for (const diagnostic of output.errors ?? []) {
  console.error(diagnostic.formattedMessage);
}
if (errors.length > 0) {
  process.exit(1);
}

const contracts = {};
for (const [file, byName] of Object.entries(output.contracts)) {
  for (const [name, artifact] of Object.entries(byName)) {
    contracts[name] = { source: file, abi: artifact.abi, bytecode: '0x' + artifact.evm.bytecode.object };
  }
}

// Write to a temporary file and rename, so a concurrent reader never sees half a file.
mkdirSync(dirname(outputFile), { recursive: true });
const temporary = `${outputFile}.${process.pid}.tmp`;
writeFileSync(temporary, JSON.stringify({ solcVersion: solc.version(), contracts }, null, 2));
renameSync(temporary, outputFile);
console.log(`compiled ${Object.keys(contracts).join(', ')} -> ${outputFile}`);
