// Expands JSON-LD documents the way a fediverse processor that fetches nothing would.
//
// Reads a JSON array of documents on stdin and writes a JSON array of results on stdout, one per
// document: {"expanded": [...]} or {"error": "..."}. The processor is jsonld.js in safe mode (a
// term or type without a definition is an error, not silently dropped); its document loader knows
// only the contexts @fedify/vocab-runtime ships preloaded and refuses every other URL, so a
// document that needs a fetch fails here as it would fail in fedify. Used by tests/vocabulary.rs;
// scripts/test installs both packages (pinned) under target/test-tools.
"use strict";

const jsonld = require("jsonld");
const { preloadedContexts } = require("@fedify/vocab-runtime");

async function documentLoader(url) {
  const document = preloadedContexts[url];
  if (document === undefined) {
    throw new Error(`refused to fetch ${url}: not a preloaded context`);
  }
  return { contextUrl: null, documentUrl: url, document };
}

async function main() {
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  const results = [];
  for (const document of JSON.parse(input)) {
    try {
      results.push({ expanded: await jsonld.expand(document, { documentLoader, safe: true }) });
    } catch (error) {
      const details = error.details ? ` ${JSON.stringify(error.details)}` : "";
      results.push({ error: `${error.name}: ${error.message}${details}` });
    }
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
